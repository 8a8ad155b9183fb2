import { layerLabels } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { restrictedNamespace } from "../../manifests/namespace";
import {
  allowDnsEgress,
  allowHttpsEgress,
  allowIngress,
  allowIngressFromVpc,
  allowPublicHttpsEgress,
  defaultDeny,
  namespacePeer,
  tcpPorts,
} from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_POD_LABELS, loadBalancerControllerPorts } from "./names";

export const edgeLabels = layerLabels("edge");

/**
 * Why the controller's pods may reach every address on 443: the AWS APIs it manages load balancers with
 * (Elastic Load Balancing, WAFv2, ACM) have no interface endpoint in the cluster's VPC, and AWS's public
 * endpoints have no fixed addresses a NetworkPolicy could name. The pack exempts this namespace from
 * `network-no-wide-open-allow` with the same reason.
 */
export const CONTROLLER_PUBLIC_EGRESS_REASON =
  "the AWS Load Balancer Controller calls the Elastic Load Balancing, WAFv2 and ACM APIs, which have no interface endpoint in the cluster's VPC, at their public endpoints";

/** The controller's namespace: restricted, default-deny, and only what it talks to. */
export function edgeNamespaceObjects(vpcCidr: string): KubernetesObject[] {
  const ns = EDGE_NAMESPACE;
  const labels = edgeLabels;
  const pods = { ...LOAD_BALANCER_CONTROLLER_POD_LABELS };
  return [
    restrictedNamespace(ns, labels),
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, "allow-egress-https", labels, vpcCidr, "the controller watches the Kubernetes API and calls STS and EC2 through the VPC's interface endpoints"),
    allowPublicHttpsEgress(ns, "allow-egress-aws-https", labels, { matchLabels: pods }, CONTROLLER_PUBLIC_EGRESS_REASON),
    allowIngressFromVpc(
      ns,
      "allow-ingress-webhooks",
      labels,
      pods,
      vpcCidr,
      tcpPorts([loadBalancerControllerPorts.webhook]),
      "the API server calls the controller's Ingress validation and pod readiness-gate webhooks from its endpoint's interfaces in the VPC",
    ),
    allowIngress(ns, "allow-ingress-from-monitoring", labels, pods, namespacePeer(platformNamespaces.monitoring), tcpPorts([loadBalancerControllerPorts.metrics])),
  ] as KubernetesObject[];
}
