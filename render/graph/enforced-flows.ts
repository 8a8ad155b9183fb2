import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { allowedFlows, type Flow } from "../../manifests/network-flows";
import { policyDirections } from "../../policies/network/network-policy";

/** One side of a flow: a namespace, or something outside every namespace (an address block, any namespace). */
export type FlowSide = { namespace: string; outside?: undefined } | { outside: string; namespace?: undefined };

/** Traffic the cluster lets through from one side to the other, on these ports ("TCP/8080", "*": any). */
export interface EnforcedFlow {
  from: FlowSide;
  to: FlowSide;
  ports: string[];
}

const portOf = (f: Flow) => (f.port === "*" ? "*" : `${f.protocol}/${f.port}`);

/** The other side of a rule of a policy in `own`: its namespace, or what lies outside. */
function peerSide(f: Flow, own: string): FlowSide {
  if (f.namespace === "<own-namespace>") return { namespace: own };
  if (f.namespace === "<any>" || f.namespace === "<selector>") return { outside: "any namespace" };
  if (f.namespace.startsWith("<ipBlock ")) return { outside: f.namespace.slice(1, -1) };
  return { namespace: f.namespace };
}

/**
 * The namespace-to-namespace flows the NetworkPolicies among `objects` let through. Traffic from A to B
 * passes when A's egress allows it (or no policy in A governs egress) and B's ingress allows it (or no
 * policy in B governs ingress): a flow one side names and the other side refuses is not drawn. Pod
 * selectors are read at namespace granularity (a rule for some pods of B counts as a flow to B).
 */
export function enforcedFlows(objects: KubernetesObject[]): EnforcedFlow[] {
  const byNamespace = new Map<string, KubernetesObject[]>();
  for (const o of objects) {
    if (o.kind !== "NetworkPolicy" || !o.metadata.namespace) continue;
    byNamespace.set(o.metadata.namespace, [...(byNamespace.get(o.metadata.namespace) ?? []), o]);
  }
  const isolated = (ns: string, direction: "Ingress" | "Egress") =>
    (byNamespace.get(ns) ?? []).some((p) => policyDirections((p.spec ?? {}) as Parameters<typeof policyDirections>[0]).includes(direction));
  const rules = new Map([...byNamespace].map(([ns, policies]) => [ns, allowedFlows(policies)]));
  /** Whether `ns` allows `port` in `direction` with `other` (a namespace), or governs nothing there. */
  const admits = (ns: string, direction: "ingress" | "egress", other: string, port: string): boolean => {
    if (!isolated(ns, direction === "ingress" ? "Ingress" : "Egress")) return true;
    return (rules.get(ns) ?? []).some((f) => {
      if (f.direction !== direction) return false;
      const side = peerSide(f, ns);
      const sideMatches = side.namespace === other || side.outside === "any namespace";
      const p = portOf(f);
      return sideMatches && (p === "*" || port === "*" || p === port);
    });
  };

  const found = new Map<string, EnforcedFlow>();
  const add = (from: FlowSide, to: FlowSide, port: string) => {
    const key = JSON.stringify([from, to]);
    const flow = found.get(key) ?? { from, to, ports: [] };
    if (!flow.ports.includes(port)) flow.ports.push(port);
    found.set(key, flow);
  };
  for (const [ns, flows] of rules) {
    for (const f of flows) {
      const other = peerSide(f, ns);
      const port = portOf(f);
      if (f.direction === "egress") {
        if (other.namespace === undefined || admits(other.namespace, "ingress", ns, port)) add({ namespace: ns }, other, port);
      } else if (other.namespace === undefined || admits(other.namespace, "egress", ns, port)) {
        add(other, { namespace: ns }, port);
      }
    }
  }
  return [...found.values()].map((f) => ({ ...f, ports: f.ports.sort() }));
}
