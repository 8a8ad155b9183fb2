import { layerLabels } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { restrictedNamespace } from "../../manifests/namespace";
import { allowDnsEgress, allowHttpsEgress, allowIngress, allowPublicHttpsEgress, defaultDeny, namespacePeer, tcpPorts } from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { DNS_NAMESPACE, EXTERNAL_DNS_METRICS_PORT, EXTERNAL_DNS_POD_LABELS } from "./names";

export const dnsLabels = layerLabels("dns");

/** Why external-dns may reach every address on 443 (the pack's exemption says the same). */
export const EXTERNAL_DNS_PUBLIC_EGRESS_REASON = "external-dns writes Route53, a global AWS service with no interface endpoint in the VPC, at its public endpoint";

/** external-dns's namespace: restricted, default-deny; the Kubernetes API and STS in the VPC, Route53 on the internet's 443, monitoring in. */
export function dnsNamespaceObjects(vpcCidr: string): KubernetesObject[] {
  const ns = DNS_NAMESPACE;
  const labels = dnsLabels;
  const pods = { ...EXTERNAL_DNS_POD_LABELS };
  return [
    restrictedNamespace(ns, labels),
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, "allow-egress-https", labels, vpcCidr, "external-dns watches the gateway's objects in the Kubernetes API and takes its Route53 credentials from STS through the VPC's endpoint"),
    allowPublicHttpsEgress(ns, "allow-egress-route53-https", labels, { matchLabels: pods }, EXTERNAL_DNS_PUBLIC_EGRESS_REASON),
    allowIngress(ns, "allow-ingress-from-monitoring", labels, pods, namespacePeer(platformNamespaces.monitoring), tcpPorts([EXTERNAL_DNS_METRICS_PORT])),
  ] as KubernetesObject[];
}
