import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import type { ApplicationLayerSpec, PortSpec } from "../../config/layers/spec";
import type { ApplicationLayersPlatform } from "./spec";
import { dataServiceEndpoints, dataServiceNames } from "../../platform/data-services";
import { EGRESS_GATEWAY_NAMESPACE, egressGatewayPodLabels } from "../../platform/egress";
import { egressTargetPorts } from "../../manifests/egress-gateway";
import { layerSelector } from "../../platform/labels";
import {
  allowDnsEgress,
  allowEgress,
  allowIngress,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../../manifests/network-policy";
import { allowProxyEgressToIstiod } from "../../manifests/mesh-proxy-egress";
import { allowPolicyName, inboundCallers } from "../../manifests/layer-callers";
import { applicationLayerLabels, applicationLayerNames, servingPorts } from "../../manifests/layer-names";

/** Policy names, one per kind of allow, disjoint by construction: tests and the mesh layer read them from here. */
export { allowPolicyName, callersOf } from "../../manifests/layer-callers";

function policyPorts(ports: PortSpec[]): INetworkPolicyPort[] {
  return ports.map((p) => ({ protocol: p.protocol, port: p.port }));
}

/**
 * Default deny in both directions, then exactly: DNS; the sidecar's connection to istiod; egress to each
 * declared peer's serving ports; ingress from each inbound caller (layers that declare this one as a peer,
 * the gateway into the edge layer, monitoring on the metrics and Envoy ports); egress to each data service used;
 * with declared external hosts (`egress`), egress to the egress gateway.
 */
export function applicationNetworkPolicies(layer: ApplicationLayerSpec, platform: Pick<ApplicationLayersPlatform, "layers" | "mesh">): NetworkPolicyObject[] {
  const ns = applicationLayerNames(layer).namespace;
  const labels = applicationLayerLabels(layer);
  const self = layerSelector(layer.name);
  const byName = new Map(platform.layers.map((l) => [l.name, l]));

  const toMeshControlPlane = allowProxyEgressToIstiod(ns, labels, self);

  const toPeers = layer.peers.map((name) => {
    const peer = byName.get(name);
    if (!peer) throw new Error(`layer "${layer.name}" names unknown peer "${name}"`);
    const peerNs = applicationLayerNames(peer).namespace;
    return allowEgress(ns, allowPolicyName.egressToLayer(name), labels, self, namespacePeer(peerNs, layerSelector(name)), policyPorts(servingPorts(peer)));
  });

  const fromCallers = inboundCallers(layer, { layers: platform.layers, gatewayRoutes: platform.mesh.gateway.routes }).map((caller) =>
    allowIngress(ns, caller.policyName, labels, self, namespacePeer(caller.namespace, caller.podLabels), [
      ...policyPorts(caller.ports),
      ...tcpPorts(caller.proxyPorts),
    ]),
  );

  const toDataServices = dataServiceNames
    .filter((service) => layer.dataServices[service] !== undefined)
    .map((service) => {
      const endpoint = dataServiceEndpoints[service];
      const ports = tcpPorts(endpoint.ports.map((p) => p.port));
      return allowEgress(ns, allowPolicyName.egressToDataService(service), labels, self, namespacePeer(endpoint.namespace), ports);
    });

  // Declared external hosts: the egress gateway's pods only, on the listeners the declarations use (never the internet itself).
  const toEgressGateway = layer.egress.length
    ? [allowEgress(ns, allowPolicyName.egressToEgressGateway, labels, self, namespacePeer(EGRESS_GATEWAY_NAMESPACE, egressGatewayPodLabels()), tcpPorts(egressTargetPorts([layer])))]
    : [];

  return [defaultDeny(ns, labels), allowDnsEgress(ns, labels), toMeshControlPlane, ...toPeers, ...fromCallers, ...toDataServices, ...toEgressGateway];
}
