import type { KubernetesObject } from "./kubernetes-object";

/**
 * The flows NetworkPolicies allow, read from the policies alone (Kubernetes' NetworkPolicy semantics, not
 * Strata's config): the isolation tests compare them with what the config declares, and `strata graph
 * --flows` draws them, so the picture shows what the cluster will enforce.
 */

export type Direction = "ingress" | "egress";

/** One allowed flow: a direction, the other side's namespace and pod labels (undefined: all pods), a port. */
export interface Flow {
  direction: Direction;
  namespace: string;
  pods?: Record<string, string>;
  protocol: string;
  port: number | string;
}

/**
 * Every flow the NetworkPolicies allow, expanded to one entry per (direction, peer, port). A peer without a
 * namespaceSelector, a rule without peers or without ports, an ipBlock: each shows up as a flow no expected
 * set contains (namespace "<any>", "<own-namespace>", "<ipBlock ...>" or port "*").
 */
export function allowedFlows(policies: KubernetesObject[]): Flow[] {
  const flows: Flow[] = [];
  for (const policy of policies) {
    const spec = policy.spec as any;
    for (const direction of ["ingress", "egress"] as const) {
      for (const rule of spec[direction] ?? []) {
        const peers: any[] = (direction === "ingress" ? rule.from : rule.to) ?? [];
        const ports: any[] = rule.ports ?? [];
        const peerList = peers.length ? peers : [{ __everywhere: true }];
        const portList = ports.length ? ports : [{ protocol: "*", port: "*" }];
        for (const peer of peerList) {
          let namespace: string;
          if (peer.__everywhere) namespace = "<any>";
          else if (peer.ipBlock) namespace = `<ipBlock ${peer.ipBlock.cidr}>`;
          else if (!peer.namespaceSelector) namespace = "<own-namespace>";
          else namespace = peer.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"] ?? "<selector>";
          for (const port of portList) {
            flows.push({ direction, namespace, pods: peer.podSelector?.matchLabels, protocol: port.protocol ?? "TCP", port: port.port ?? "*" });
          }
        }
      }
    }
  }
  return flows;
}
