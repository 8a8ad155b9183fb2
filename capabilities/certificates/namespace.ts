import { layerLabels } from "../../platform/labels";
import { DNS_PORT, platformNamespaces } from "../../platform/namespaces";
import { restrictedNamespace } from "../../manifests/namespace";
import {
  allowDnsEgress,
  allowEgress,
  allowHttpsEgress,
  allowIngress,
  allowIngressFromVpc,
  allowPublicHttpsEgress,
  defaultDeny,
  EVERY_IPV4_ADDRESS,
  namespacePeer,
  tcpPorts,
} from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { CERT_MANAGER_NAMESPACE, certManagerPodLabels, certManagerPorts } from "./names";

export const certificatesLabels = layerLabels("certificates");

/** Why cert-manager's controller may reach every address on 443 (the pack's exemption says the same). */
export const CERT_MANAGER_PUBLIC_EGRESS_REASON =
  "cert-manager's controller talks to Let's Encrypt's ACME API and to Route53 (a global AWS service with no interface endpoint in the VPC) at their public endpoints";

/**
 * cert-manager's namespace: restricted, default-deny; every component reads the Kubernetes API (the VPC's
 * 443); the controller also reaches ACME and Route53 (every address, 443 only) and the zone's authoritative
 * name servers (every address, port 53 only: cert-manager checks a challenge's TXT record there before it
 * asks ACME to validate); the API server calls the webhook; monitoring scrapes the controller.
 */
export function certificatesNamespaceObjects(vpcCidr: string): KubernetesObject[] {
  const ns = CERT_MANAGER_NAMESPACE;
  const labels = certificatesLabels;
  const controller = { ...certManagerPodLabels.controller };
  return [
    restrictedNamespace(ns, labels),
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, "allow-egress-https", labels, vpcCidr, "cert-manager's components read and write the Kubernetes API; the controller takes its Route53 credentials from STS through the VPC's endpoint"),
    allowPublicHttpsEgress(ns, "allow-egress-acme-route53-https", labels, { matchLabels: controller }, CERT_MANAGER_PUBLIC_EGRESS_REASON),
    allowEgress(ns, "allow-egress-authoritative-dns", labels, controller, { ipBlock: { cidr: EVERY_IPV4_ADDRESS } }, [
      { protocol: "UDP", port: DNS_PORT },
      { protocol: "TCP", port: DNS_PORT },
    ]),
    allowIngressFromVpc(
      ns,
      "allow-ingress-webhook",
      labels,
      { ...certManagerPodLabels.webhook },
      vpcCidr,
      tcpPorts([certManagerPorts.webhook]),
      "the API server calls cert-manager's validating and mutating webhook from its endpoint's interfaces in the VPC",
    ),
    allowIngress(ns, "allow-ingress-from-monitoring", labels, controller, namespacePeer(platformNamespaces.monitoring), tcpPorts([certManagerPorts.metrics])),
  ] as KubernetesObject[];
}
