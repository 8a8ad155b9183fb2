import { nodePools, type Taint } from "../../platform/placement";
import { isObject, list, record } from "../engine/fields";

/**
 * Where a pod may be scheduled, wherever an object says it: a pod spec, a pod template, or an operator's
 * custom resource (Strimzi `template.pod`, PGO `instances[]`, OpsTree `redisLeader`, Prometheus `spec`).
 * Rather than a field map per operator, every object inside `spec` that carries nodeSelector, tolerations
 * or affinity is a scheduling site: that is where every one of these APIs puts them.
 */
export interface SchedulingSite {
  /** Where it sits, e.g. "spec.template.spec". */
  path: string;
  fields: Record<string, unknown>;
}

const SCHEDULING_FIELDS = ["nodeSelector", "tolerations", "affinity"];
/** Operators nest templates a few levels deep; nothing real is deeper than this. */
const MAX_DEPTH = 12;

export function schedulingSites(object: Record<string, unknown>): SchedulingSite[] {
  const sites: SchedulingSite[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    if (!isObject(value)) return;
    if (SCHEDULING_FIELDS.some((f) => f in value)) sites.push({ path, fields: value });
    for (const [key, child] of Object.entries(value)) if (!SCHEDULING_FIELDS.includes(key)) walk(child, `${path}.${key}`, depth + 1);
  };
  walk(object.spec, "spec", 0);
  return sites;
}

/**
 * The spot pool's node labels, from the placement definition, plus the labels EKS puts on every node of a
 * managed SPOT node group and Karpenter on every spot node it launches (a pod can select spot through any).
 */
export const EKS_CAPACITY_TYPE_LABEL = "eks.amazonaws.com/capacityType";
export const KARPENTER_CAPACITY_TYPE_LABEL = "karpenter.sh/capacity-type";
function spotLabels(): [string, string][] {
  return [...Object.entries(nodePools.spot.nodeLabels), [EKS_CAPACITY_TYPE_LABEL, "SPOT"], [KARPENTER_CAPACITY_TYPE_LABEL, "spot"]];
}

function nodeSelectorTerms(affinity: Record<string, unknown>): { required: boolean; expressions: Record<string, unknown>[] }[] {
  const nodeAffinity = record(affinity.nodeAffinity);
  const required = list<Record<string, unknown>>(record(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
  const preferred = list<Record<string, unknown>>(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).map((p) => record(p.preference));
  return [
    ...required.map((t) => ({ required: true, expressions: list<Record<string, unknown>>(t.matchExpressions) })),
    ...preferred.map((t) => ({ required: false, expressions: list<Record<string, unknown>>(t.matchExpressions) })),
  ];
}

/** How a site selects spot nodes (nodeSelector or node affinity), one line each; none when it does not. */
export function spotSelections(site: SchedulingSite, opts: { requiredOnly?: boolean } = {}): string[] {
  const selections: string[] = [];
  const nodeSelector = record(site.fields.nodeSelector);
  for (const [key, value] of spotLabels()) {
    if (nodeSelector[key] === value) selections.push(`nodeSelector ${key}=${value}`);
    for (const term of nodeSelectorTerms(record(site.fields.affinity))) {
      if (opts.requiredOnly && !term.required) continue;
      const hit = term.expressions.some((e) => e.key === key && e.operator === "In" && list(e.values).includes(value));
      if (hit) selections.push(`${term.required ? "required" : "preferred"} node affinity ${key} In ${value}`);
    }
  }
  return selections;
}

function tolerates(toleration: Record<string, unknown>, taint: Taint): boolean {
  const effectMatches = !toleration.effect || toleration.effect === taint.effect;
  if (toleration.operator === "Exists") return effectMatches && (!toleration.key || toleration.key === taint.key);
  return effectMatches && toleration.key === taint.key && toleration.value === taint.value;
}

/** The spot taints a site tolerates, spelled key=value:effect. */
export function spotTolerations(site: SchedulingSite): string[] {
  const tolerations = list<Record<string, unknown>>(site.fields.tolerations).map(record);
  return nodePools.spot.taints.filter((taint) => tolerations.some((t) => tolerates(t, taint))).map((t) => `${t.key}=${t.value}:${t.effect}`);
}
