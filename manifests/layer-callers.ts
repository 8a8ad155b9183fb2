import type { ApplicationLayerSpec, PortSpec } from "../config/layers/spec";
import { GATEWAY_NAME, istioPorts } from "../platform/istio";
import { layerSelector } from "../platform/labels";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../platform/monitoring";
import { platformNamespaces } from "../platform/namespaces";
import { gatewayPodLabels } from "./mesh-names";
import { applicationLayerNames, metricsPort, servingPorts } from "./layer-names";
import { PROXY_EGRESS_TO_ISTIOD } from "./mesh-proxy-egress";

/**
 * Who may call an application layer, and on which ports: the layers that declare it as a peer, the
 * ingress gateway when it is the edge layer, and monitoring. The one list both the NetworkPolicies (layer 3/4)
 * and the mesh's AuthorizationPolicy (the callers' identities) are generated from.
 */
export interface InboundCaller {
  /** The name of the NetworkPolicy that admits it. */
  policyName: string;
  namespace: string;
  /** The service account its pods run as: its identity in the mesh. */
  serviceAccount: string;
  /** Its pods, when the rule should select them (absent: any pod of the namespace). */
  podLabels?: Record<string, string>;
  /** Ports of the layer it may reach through the mesh. */
  ports: PortSpec[];
  /** Ports of the layer's sidecar itself it may reach (outside mTLS: Envoy's metrics). */
  proxyPorts: number[];
}

export const allowPolicyName = {
  egressToLayer: (peer: string) => `allow-egress-to-layer-${peer}`,
  ingressFromLayer: (caller: string) => `allow-ingress-from-layer-${caller}`,
  egressToDataService: (service: string) => `allow-egress-to-${service}`,
  /** A layer that declares external hosts (layers[].egress): to the egress gateway's listeners, and nowhere else outside. */
  egressToEgressGateway: "allow-egress-to-egress-gateway",
  ingressFromMonitoring: "allow-ingress-from-monitoring",
  ingressFromGateway: "allow-ingress-from-gateway",
  egressToMeshControlPlane: PROXY_EGRESS_TO_ISTIOD,
};

/** Layers that declare `layer` as a peer (they call it). */
export function callersOf(layer: ApplicationLayerSpec, layers: ApplicationLayerSpec[]): ApplicationLayerSpec[] {
  return layers.filter((other) => other.peers.includes(layer.name));
}

/** Who calls `layer`: among `layers`, those naming it as a peer; the gateway when it routes to the layer (`gatewayRoutes`); monitoring. */
export function inboundCallers(layer: ApplicationLayerSpec, platform: { layers: ApplicationLayerSpec[]; gatewayRoutes: readonly { layer: string }[] }): InboundCaller[] {
  const serving = servingPorts(layer);
  const fromLayers = callersOf(layer, platform.layers).map((caller) => ({
    policyName: allowPolicyName.ingressFromLayer(caller.name),
    namespace: applicationLayerNames(caller).namespace,
    serviceAccount: applicationLayerNames(caller).serviceAccount,
    podLabels: layerSelector(caller.name),
    ports: serving,
    proxyPorts: [],
  }));
  const fromGateway =
    platform.gatewayRoutes.some((route) => route.layer === layer.name)
      ? [{ policyName: allowPolicyName.ingressFromGateway, namespace: platformNamespaces.gateway, serviceAccount: GATEWAY_NAME, podLabels: gatewayPodLabels(), ports: serving, proxyPorts: [] }]
      : [];
  const fromMonitoring = {
    policyName: allowPolicyName.ingressFromMonitoring,
    namespace: platformNamespaces.monitoring,
    serviceAccount: PROMETHEUS_SERVICE_ACCOUNT,
    ports: [metricsPort(layer)],
    proxyPorts: [istioPorts.envoyMetrics],
  };
  return [...fromLayers, ...fromGateway, fromMonitoring];
}
