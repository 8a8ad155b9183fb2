import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { EGRESS_GATEWAY_NAMESPACE, egressGatewayPodLabels } from "../../platform/egress";
import { istioPorts } from "../../platform/istio";
import { layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { egressTargetPorts } from "../../manifests/egress-gateway";
import { applicationLayerNames } from "../../manifests/layer-names";
import { allowProxyEgressToIstiod } from "../../manifests/mesh-proxy-egress";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { restrictedNamespace } from "../../manifests/namespace";
import {
  allowDnsEgress,
  allowEgress,
  allowIngress,
  defaultDeny,
  EVERY_IPV4_ADDRESS,
  HTTPS_EGRESS_REASON_ANNOTATION,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../../manifests/network-policy";
import { egressHosts } from "./egress";
import { meshLabels } from "./namespaces";

/** The one NetworkPolicy of the platform that lets pods leave the cluster for any address: the egress gateway's, on the declared ports. */
export const EGRESS_GATEWAY_PUBLIC_POLICY = "allow-egress-to-declared-hosts";

export const EGRESS_GATEWAY_PUBLIC_REASON =
  "the egress gateway connects to the external hosts layers declare (layers[].egress), whose addresses are the hosts' own and change: the mesh names them (ServiceEntry, AuthorizationPolicy by SNI and service account), the network cannot";

/** The pack's exemption from network-no-wide-open-allow: this policy, by name, in this namespace only. */
export const EGRESS_GATEWAY_EXEMPTION = `The Istio egress gateway's pods (app: istio-egressgateway) reach 0.0.0.0/0, except the VPC, on the ports layers declare in layers[].egress (443 unless a host says otherwise) only: ${EGRESS_GATEWAY_PUBLIC_REASON}. No other pod of the platform leaves the cluster this way.`;

export const egressPolicyName = {
  ingressFromLayers: "allow-ingress-from-declaring-layers",
  ingressFromMonitoring: "allow-ingress-from-monitoring",
  publicEgress: EGRESS_GATEWAY_PUBLIC_POLICY,
} as const;

/**
 * The egress gateway's namespace, when some layer declares egress: default deny; in, the declaring layers'
 * pods on the gateway's listeners and monitoring on Envoy's metrics; out, DNS, istiod and — its one
 * documented exemption — the internet (every address but the VPC's) on the declared ports, for the
 * gateway's pods only.
 */
export function egressNamespace(layers: ApplicationLayerSpec[], vpcCidr: string): KubernetesObject[] {
  const hosts = egressHosts(layers);
  if (hosts.length === 0) return [];
  const ns = EGRESS_GATEWAY_NAMESPACE;
  const gateway = egressGatewayPodLabels();
  const declaring = layers.filter((l) => l.egress.length > 0);
  const ports = [...new Set(hosts.map((h) => h.port))].sort((a, b) => a - b);
  const publicEgress = allowEgress(ns, EGRESS_GATEWAY_PUBLIC_POLICY, meshLabels, gateway, [{ ipBlock: { cidr: EVERY_IPV4_ADDRESS, except: [vpcCidr] } }], tcpPorts(ports));
  publicEgress.metadata.annotations = { [HTTPS_EGRESS_REASON_ANNOTATION]: EGRESS_GATEWAY_PUBLIC_REASON };
  const policies: NetworkPolicyObject[] = [
    defaultDeny(ns, meshLabels),
    allowDnsEgress(ns, meshLabels),
    allowProxyEgressToIstiod(ns, meshLabels, gateway),
    allowIngress(
      ns,
      egressPolicyName.ingressFromLayers,
      meshLabels,
      gateway,
      declaring.map((l) => namespacePeer(applicationLayerNames(l).namespace, layerSelector(l.name))),
      tcpPorts(egressTargetPorts(declaring)),
    ),
    allowIngress(ns, egressPolicyName.ingressFromMonitoring, meshLabels, gateway, namespacePeer(platformNamespaces.monitoring), tcpPorts([istioPorts.envoyMetrics])),
    publicEgress,
  ];
  return [restrictedNamespace(ns, meshLabels), ...policies] as KubernetesObject[];
}
