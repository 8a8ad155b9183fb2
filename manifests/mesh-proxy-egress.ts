import { istioPorts } from "../platform/istio";
import { platformNamespaces } from "../platform/namespaces";
import { allowEgress, namespacePeer, tcpPorts, type NetworkPolicyObject } from "./network-policy";
import { ISTIOD_POD_LABELS } from "./mesh-names";

/** The NetworkPolicy of a meshed namespace that lets its proxies reach istiod. */
export const PROXY_EGRESS_TO_ISTIOD = "allow-egress-to-istiod";

/**
 * Egress from the selected pods' proxies (sidecars, the gateway) to istiod's xDS port: their configuration and
 * workload certificates. `alsoPorts`: further istiod ports the same pods reach (monitoring: its metrics).
 */
export function allowProxyEgressToIstiod(namespace: string, labels: Record<string, string>, podSelector: Record<string, string>, alsoPorts: number[] = []): NetworkPolicyObject {
  return allowEgress(namespace, PROXY_EGRESS_TO_ISTIOD, labels, podSelector, namespacePeer(platformNamespaces.meshRoot, { ...ISTIOD_POD_LABELS }), tcpPorts([istioPorts.xds, ...alsoPorts]));
}
