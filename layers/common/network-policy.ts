import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import { labelKeys } from "../../platform/labels";
import { DNS_PORT, dnsPodLabels, platformNamespaces } from "../../platform/namespaces";

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
  to: INetworkPolicyPeer,
  ports: INetworkPolicyPort[],
): NetworkPolicyObject {
  return policy(namespace, name, labels, {
    podSelector: { matchLabels: podSelector },
    policyTypes: ["Egress"],
    egress: [{ to: [to], ports }],
  });
}

export function allowIngress(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  podSelector: Record<string, string>,
  from: INetworkPolicyPeer,
  ports: INetworkPolicyPort[],
): NetworkPolicyObject {
  return policy(namespace, name, labels, {
    podSelector: { matchLabels: podSelector },
    policyTypes: ["Ingress"],
    ingress: [{ from: [from], ports }],
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

/** Every IPv4 address: only ever for AWS's public endpoints, with a reason and a pack-config exemption. */
export const EVERY_IPV4_ADDRESS = "0.0.0.0/0";

function withReason(object: NetworkPolicyObject, reason: string): NetworkPolicyObject {
  object.metadata.annotations = { [HTTPS_EGRESS_REASON_ANNOTATION]: reason };
  return object;
}

/**
 * HTTPS egress to the Kubernetes API server: port 443 at the cluster's API endpoints (`apiCidrs`: the VPC
 * on EKS, where the control plane's endpoint interfaces sit), for every pod of the namespace. For
 * operators and the data pods that call the API, each with its reason; never for an application layer.
 */
export function allowKubernetesApiEgress(namespace: string, name: string, labels: Record<string, string>, apiCidrs: string[], reason: string): NetworkPolicyObject {
  const to = apiCidrs.map((cidr) => ({ ipBlock: { cidr } }));
  return withReason(policy(namespace, name, labels, { podSelector: {}, policyTypes: ["Egress"], egress: [{ to, ports: [{ protocol: "TCP", port: HTTPS_PORT }] }] }), reason);
}

/**
 * HTTPS egress to any address, for the pods `podSelector` picks: AWS's public endpoints (S3, STS) have no
 * fixed addresses. The policy pack rejects it unless the namespace is exempted from
 * `network-no-wide-open-allow` with a reason (policies/config/*.json); the same reason is on the policy.
 */
export function allowPublicHttpsEgress(namespace: string, name: string, labels: Record<string, string>, podSelector: ILabelSelector, reason: string): NetworkPolicyObject {
  return withReason(
    policy(namespace, name, labels, { podSelector, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: EVERY_IPV4_ADDRESS } }], ports: [{ protocol: "TCP", port: HTTPS_PORT }] }] }),
    reason,
  );
}

/** Why a policy lets pods make HTTPS calls outside the pod network (on every HTTPS egress policy). */
export const HTTPS_EGRESS_REASON_ANNOTATION = "strata.io/https-egress-reason";
