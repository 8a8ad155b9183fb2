import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import type { ApplicationLayerSpec, PortSpec } from "../../config/spec";
import { dataServiceEndpoints, dataServiceNames } from "../../platform/data-services";
import { layerLabels, layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import {
  allowDnsEgress,
  allowEgress,
  allowIngress,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../common/network-policy";
import { applicationLayerNames, metricsPort, servingPorts } from "./names";

/**
 * Policy names, one per kind of allow, disjoint by construction (a layer named like a data service still
 * gets its own names): tests and the mesh layer read them from here.
 */
export const allowPolicyName = {
  egressToLayer: (peer: string) => `allow-egress-to-layer-${peer}`,
  ingressFromLayer: (caller: string) => `allow-ingress-from-layer-${caller}`,
  egressToDataService: (service: string) => `allow-egress-to-${service}`,
  ingressFromMonitoring: "allow-ingress-from-monitoring",
};

function policyPorts(ports: PortSpec[]): INetworkPolicyPort[] {
  return ports.map((p) => ({ protocol: p.protocol, port: p.port }));
}

/** Layers that declare `layer` as a peer (they call it). */
export function callersOf(layer: ApplicationLayerSpec, layers: ApplicationLayerSpec[]): ApplicationLayerSpec[] {
  return layers.filter((other) => other.peers.includes(layer.name));
}

/**
 * Default deny in both directions, then exactly: DNS; egress to each declared peer's serving ports;
 * ingress from each layer that declares this one as a peer; egress to each data service used; ingress
 * from monitoring on the metrics port.
 */
export function applicationNetworkPolicies(layer: ApplicationLayerSpec, layers: ApplicationLayerSpec[]): NetworkPolicyObject[] {
  const ns = applicationLayerNames(layer).namespace;
  const labels = layerLabels(layer.name);
  const self = layerSelector(layer.name);
  const byName = new Map(layers.map((l) => [l.name, l]));

  const toPeers = layer.peers.map((name) => {
    const peer = byName.get(name);
    if (!peer) throw new Error(`layer "${layer.name}" names unknown peer "${name}"`);
    const peerNs = applicationLayerNames(peer).namespace;
    return allowEgress(ns, allowPolicyName.egressToLayer(name), labels, self, namespacePeer(peerNs, layerSelector(name)), policyPorts(servingPorts(peer)));
  });

  const fromCallers = callersOf(layer, layers).map((caller) =>
    allowIngress(
      ns,
      allowPolicyName.ingressFromLayer(caller.name),
      labels,
      self,
      namespacePeer(applicationLayerNames(caller).namespace, layerSelector(caller.name)),
      policyPorts(servingPorts(layer)),
    ),
  );

  const toDataServices = dataServiceNames
    .filter((service) => layer.dataServices[service] !== undefined)
    .map((service) => {
      const endpoint = dataServiceEndpoints[service];
      const ports = tcpPorts(endpoint.ports.map((p) => p.port));
      return allowEgress(ns, allowPolicyName.egressToDataService(service), labels, self, namespacePeer(endpoint.namespace), ports);
    });

  const fromMonitoring = allowIngress(
    ns,
    allowPolicyName.ingressFromMonitoring,
    labels,
    self,
    namespacePeer(platformNamespaces.monitoring),
    policyPorts([metricsPort(layer)]),
  );

  return [defaultDeny(ns, labels), allowDnsEgress(ns, labels), ...toPeers, ...fromCallers, ...toDataServices, fromMonitoring];
}
