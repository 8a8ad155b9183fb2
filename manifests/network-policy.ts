import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import { labelKeys } from "../platform/labels";
import { DNS_PORT, dnsPodLabels, platformNamespaces } from "../platform/namespaces";

/** Network policy building blocks shared by every namespace Strata owns. */

export type NetworkPolicyObject = INetworkPolicy & { metadata: { name: string; namespace: string } };

export const DEFAULT_DENY_POLICY = "default-deny-all";
export const ALLOW_DNS_POLICY = "allow-dns-egress";

function policy(namespace: string, name: string, labels: Record<string, string>, spec: INetworkPolicy["spec"]): NetworkPolicyObject {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace, labels }, spec };
}

/** Pods of one namespace (optionally only those with some labels). */
export function namespacePeer(namespace: string, podLabels?: Record<string, string>): INetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [labelKeys.namespaceName]: namespace } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

export function tcpPorts(ports: number[]): INetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: "TCP", port }));
}

/** Denies all ingress and egress of every pod in the namespace; allows are added one by one. */
export function defaultDeny(namespace: string, labels: Record<string, string>): NetworkPolicyObject {
  return policy(namespace, DEFAULT_DENY_POLICY, labels, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
}

/** Lets every pod in the namespace resolve names through cluster DNS, and nothing else. */
export function allowDnsEgress(namespace: string, labels: Record<string, string>): NetworkPolicyObject {
  return policy(namespace, ALLOW_DNS_POLICY, labels, {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [namespacePeer(platformNamespaces.dns, dnsPodLabels)],
        ports: [
          { protocol: "UDP", port: DNS_PORT },
          { protocol: "TCP", port: DNS_PORT },
        ],
      },
    ],
  });
}

export function allowEgress(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
  to: INetworkPolicyPeer | INetworkPolicyPeer[],
  ports: INetworkPolicyPort[],
): NetworkPolicyObject {
  return policy(namespace, name, labels, {
    podSelector: { matchLabels: podSelector },
    policyTypes: ["Egress"],
    egress: [{ to: Array.isArray(to) ? to : [to], ports }],
  });
}

export function allowIngress(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
  from: INetworkPolicyPeer | INetworkPolicyPeer[],
  ports: INetworkPolicyPort[],
): NetworkPolicyObject {
  return policy(namespace, name, labels, {
    podSelector: { matchLabels: podSelector },
    policyTypes: ["Ingress"],
    ingress: [{ from: Array.isArray(from) ? from : [from], ports }],
  });
}

/** Lets the namespace's pods reach each other on these ports (replication, consensus), both directions. */
export function allowWithinNamespace(namespace: string, name: string, labels: Record<string, string>, ports: INetworkPolicyPort[]): NetworkPolicyObject {
  const self = namespacePeer(namespace);
  return policy(namespace, name, labels, {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ from: [self], ports }],
    egress: [{ to: [self], ports }],
  });
}

/** The port of the Kubernetes API (behind the `kubernetes` Service) and of AWS's HTTPS endpoints. */
export const HTTPS_PORT = 443;

/** The cluster's VPC as a network policy peer: addresses outside the pod network that Strata's pods talk to. */
export function vpcPeer(vpcCidr: string): INetworkPolicyPeer {
  return { ipBlock: { cidr: vpcCidr } };
}

/**
 * HTTPS egress to the cluster's VPC: for pods that call the Kubernetes API or AWS. The API server has no
 * in-cluster selector, but its endpoint's network interfaces are in the VPC; AWS's APIs (STS, S3, EC2) are
 * reached through the VPC's interface endpoints (private DNS), also in the VPC. Used for operators and the
 * pods that need it, each with its reason; never for an application layer.
 */
export function allowHttpsEgress(namespace: string, name: string, labels: Record<string, string>, vpcCidr: string, reason: string): NetworkPolicyObject {
  return allowEgressToVpc(namespace, name, labels, vpcCidr, [{ protocol: "TCP", port: HTTPS_PORT }], reason);
}

/** Why a namespace's pods may make calls outside the pod network (on every HTTPS egress and `allowEgressToVpc` policy). */
export const HTTPS_EGRESS_REASON_ANNOTATION = "strata.io/https-egress-reason";

/** Why a namespace's pods accept connections from outside the pod network (on every `allowIngressFromVpc` and `allowIngressFromAnywhere` policy). */
export const OPEN_INGRESS_REASON_ANNOTATION = "strata.io/open-ingress-reason";

/** Every IPv4 address: only ever for AWS endpoints outside the VPC's reach, with a reason and a pack-config exemption. */
export const EVERY_IPV4_ADDRESS = "0.0.0.0/0";

function withReason(object: NetworkPolicyObject, reason: string): NetworkPolicyObject {
  object.metadata.annotations = { [HTTPS_EGRESS_REASON_ANNOTATION]: reason };
  return object;
}

/** Egress to some ports of the VPC's addresses: for targets without an in-cluster selector (nodes' kubelets, host-network exporters, the API server, AWS endpoints). */
export function allowEgressToVpc(namespace: string, name: string, labels: Record<string, string>, vpcCidr: string, ports: INetworkPolicyPort[], reason: string): NetworkPolicyObject {
  return withReason(policy(namespace, name, labels, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [vpcPeer(vpcCidr)], ports }] }), reason);
}

/**
 * HTTPS egress to any address, for the pods `podSelector` picks: only for AWS endpoints the VPC's interface
 * endpoints do not serve (S3 in another region). The policy pack rejects it unless the namespace is exempted
 * from `network-no-wide-open-allow` with a reason (policies/config/*.json); the same reason is on the policy.
 */
export function allowPublicHttpsEgress(namespace: string, name: string, labels: Record<string, string>, podSelector: ILabelSelector, reason: string): NetworkPolicyObject {
  return withReason(
    policy(namespace, name, labels, { podSelector, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: EVERY_IPV4_ADDRESS } }], ports: [{ protocol: "TCP", port: HTTPS_PORT }] }] }),
    reason,
  );
}

/**
 * Ingress from the VPC's addresses to some ports: for callers without an in-cluster selector inside the VPC
 * (the API server calling a webhook from its endpoint's network interfaces). Each use says why.
 */
export function allowIngressFromVpc(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
  vpcCidr: string,
  ports: INetworkPolicyPort[],
  reason: string,
): NetworkPolicyObject {
  const object = policy(namespace, name, labels, { podSelector: { matchLabels: podSelector }, policyTypes: ["Ingress"], ingress: [{ from: [vpcPeer(vpcCidr)], ports }] });
  object.metadata.annotations = { [OPEN_INGRESS_REASON_ANNOTATION]: reason };
  return object;
}

/**
 * Ingress from any address to some ports: only for the gateway namespace, the platform's front door (a
 * cloud load balancer forwards clients from anywhere). The policy pack admits it there and nowhere else.
 */
export function allowIngressFromAnywhere(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
  ports: INetworkPolicyPort[],
  reason: string,
): NetworkPolicyObject {
  const object = policy(namespace, name, labels, { podSelector: { matchLabels: podSelector }, policyTypes: ["Ingress"], ingress: [{ ports }] });
  object.metadata.annotations = { [OPEN_INGRESS_REASON_ANNOTATION]: reason };
  return object;
}
