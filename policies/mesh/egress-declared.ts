import { EGRESS_GATEWAY_NAMESPACE, EGRESS_HOSTS_ANNOTATION } from "../platform/egress";
import { ISTIO_SECURITY_API_GROUP } from "../platform/mesh";
import { list, quote, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import { isUnknown, undetermined } from "../engine/unknown";

/**
 * Egress by name: an external host is registered (a ServiceEntry outside the mesh) only where a layer declares
 * it, and the egress gateway admits each host from exactly the accounts that declared it. A layer's
 * declaration is on its ServiceAccount (`strata.io/egress-hosts`, the hosts comma-separated): the principal
 * `cluster.local/ns/<namespace>/sa/<name>` declares those hosts.
 */

const NETWORKING_API_GROUP = "networking.istio.io";
const TRUST_DOMAIN = "cluster.local";
const SNI_KEY = "connection.sni";

interface Declarations {
  /** host → the principals that declare it. */
  byHost: Map<string, Set<string>>;
  /** Accounts whose declaration a preview does not know yet: an undeclared host may be theirs. */
  unknown: ObjectSubject[];
}

function declarations(stack: PolicyStack): Declarations {
  const byHost = new Map<string, Set<string>>();
  const unknown: ObjectSubject[] = [];
  for (const account of stack.ofKind("", "ServiceAccount")) {
    const annotations = account.object.metadata?.annotations as unknown;
    const value = isUnknown(annotations) ? annotations : record(annotations)[EGRESS_HOSTS_ANNOTATION];
    if (isUnknown(value)) {
      unknown.push(account);
      continue;
    }
    if (typeof value !== "string") continue;
    const principal = `${TRUST_DOMAIN}/ns/${account.namespace}/sa/${account.name}`;
    for (const host of value.split(",").map((h) => h.trim()).filter(Boolean)) byHost.set(host, new Set([...(byHost.get(host) ?? []), principal]));
  }
  return { byHost, unknown };
}

/** Every ServiceEntry host outside the mesh (location MESH_EXTERNAL, Istio's default) is declared by some account. */
function serviceEntryFindings(stack: PolicyStack, declared: Declarations): Finding[] {
  return stack.ofKind(NETWORKING_API_GROUP, "ServiceEntry").flatMap((entry): Finding[] => {
    const spec = record(entry.object.spec);
    if (isUnknown(entry.object.spec) || isUnknown(spec.location)) return [{ subject: entry, message: undetermined("spec.location", "whether it registers an external host could not be judged in this preview") }];
    if (spec.location === "MESH_INTERNAL") return [];
    return list<unknown>(spec.hosts).flatMap((host, i): Finding[] => {
      if (isUnknown(host)) return [{ subject: entry, message: undetermined(`spec.hosts[${i}]`) }];
      if (typeof host !== "string" || declared.byHost.has(host)) return [];
      if (declared.unknown.length) {
        return [{ subject: entry, message: undetermined(`the egress declarations of ${declared.unknown.map((a) => `${a.namespace}/${a.name}`).join(", ")}`, `whether a layer declares ${quote(host)} could not be judged in this preview`) }];
      }
      return [{ subject: entry, message: `spec.hosts[${i}] ${quote(host)} is an external host no layer declares: declare it in the calling layer's egress (layers[].egress), which also admits that layer alone at the egress gateway` }];
    });
  });
}

/** The hosts one rule of the egress gateway's policy admits: its connection.sni values (and its to.operation.hosts). */
function ruleHosts(rule: Record<string, unknown>): { hosts: string[]; unknown?: string } {
  const hosts: string[] = [];
  const when = list<unknown>(rule.when);
  for (const [k, condition] of when.entries()) {
    const c = record(condition);
    if (isUnknown(condition) || isUnknown(c.key)) return { hosts, unknown: `when[${k}]` };
    if (c.key !== SNI_KEY) continue;
    for (const [v, value] of list<unknown>(c.values).entries()) {
      if (isUnknown(value)) return { hosts, unknown: `when[${k}].values[${v}]` };
      if (typeof value === "string") hosts.push(value);
    }
  }
  return { hosts };
}

function rulePrincipals(rule: Record<string, unknown>): { principals: string[]; unknown?: string } {
  const principals: string[] = [];
  for (const [f, from] of list<unknown>(rule.from).entries()) {
    const source = record(record(from).source);
    if (isUnknown(from) || isUnknown(record(from).source) || isUnknown(source.principals)) return { principals, unknown: `from[${f}].source.principals` };
    for (const [p, principal] of list<unknown>(source.principals).entries()) {
      if (isUnknown(principal)) return { principals, unknown: `from[${f}].source.principals[${p}]` };
      if (typeof principal === "string") principals.push(principal);
    }
  }
  return { principals };
}

/** The egress gateway's ALLOW policies admit each host from exactly the accounts that declare it. */
function authorizationFindings(stack: PolicyStack, declared: Declarations): Finding[] {
  const policies = stack.ofKind(ISTIO_SECURITY_API_GROUP, "AuthorizationPolicy").filter((p) => p.namespace === EGRESS_GATEWAY_NAMESPACE);
  return policies.flatMap((policy): Finding[] => {
    const spec = record(policy.object.spec);
    if (isUnknown(policy.object.spec) || isUnknown(spec.action)) return [{ subject: policy, message: undetermined("spec.action") }];
    if ((spec.action ?? "ALLOW") !== "ALLOW") return [];
    const findings: Finding[] = [];
    const admitted = new Map<string, Set<string>>();
    list<unknown>(spec.rules).forEach((raw, i) => {
      if (isUnknown(raw)) return void findings.push({ subject: policy, message: undetermined(`spec.rules[${i}]`) });
      const rule = record(raw);
      const { hosts, unknown: unknownHost } = ruleHosts(rule);
      const { principals, unknown: unknownPrincipal } = rulePrincipals(rule);
      const unknown = unknownHost ?? unknownPrincipal;
      if (unknown) return void findings.push({ subject: policy, message: undetermined(`spec.rules[${i}].${unknown}`) });
      if (hosts.length === 0) return void findings.push({ subject: policy, message: `spec.rules[${i}] names no host (${SNI_KEY}): the egress gateway would let its callers reach any host it routes` });
      if (principals.length === 0) return void findings.push({ subject: policy, message: `spec.rules[${i}] names no principal: every caller could reach ${hosts.map(quote).join(", ")}` });
      for (const host of hosts) {
        const declaring = declared.byHost.get(host);
        for (const principal of principals.filter((p) => !declaring?.has(p))) {
          if (declared.unknown.length) findings.push({ subject: policy, message: undetermined(`the egress declarations of ${declared.unknown.map((a) => `${a.namespace}/${a.name}`).join(", ")}`, `whether ${principal} declares ${quote(host)} could not be judged in this preview`) });
          else findings.push({ subject: policy, message: `spec.rules[${i}] admits ${principal} to ${quote(host)}, which that account does not declare (${EGRESS_HOSTS_ANNOTATION}): a layer may use only the hosts it declares` });
        }
        admitted.set(host, new Set([...(admitted.get(host) ?? []), ...principals]));
      }
    });
    // Every declaration is admitted: a missing one means a layer's declared host would be refused.
    if (findings.length === 0) {
      for (const [host, principals] of declared.byHost) {
        const missing = [...principals].filter((p) => !admitted.get(host)?.has(p));
        if (missing.length) findings.push({ subject: policy, message: `admits no rule for ${missing.join(", ")} to ${quote(host)}, which ${missing.length > 1 ? "they declare" : "it declares"}: the policy must match the declarations exactly` });
      }
    }
    return findings;
  });
}

export const meshEgressDeclared: StackRule = {
  name: "mesh-egress-declared",
  family: "mesh",
  summary: `no ServiceEntry registers an external host (location MESH_EXTERNAL) that no layer declares (${EGRESS_HOSTS_ANNOTATION} on its ServiceAccount), and the egress gateway's AuthorizationPolicies (namespace ${EGRESS_GATEWAY_NAMESPACE}) admit each host, by ${SNI_KEY}, from exactly the accounts that declare it`,
  scope: "stack",
  checkStack(stack) {
    const declared = declarations(stack);
    return [...serviceEntryFindings(stack, declared), ...authorizationFindings(stack, declared)];
  },
};
