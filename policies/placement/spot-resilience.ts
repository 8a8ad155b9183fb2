import { ZONE_TOPOLOGY_KEY } from "../platform/topology";
import { list, record } from "../engine/fields";
import { selectorMatches } from "../engine/label-selector";
import type { Finding, StackRule } from "../engine/rule";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import { isUnknown, undetermined, type RuleMessage } from "../engine/unknown";
import { podTemplateAt } from "../pod-security/pod-spec";
import { spotSelections, spotTolerations } from "./scheduling";

/** Workload kinds that keep a number of replicas of a pod template. */
const REPLICATED_KINDS = ["Deployment", "StatefulSet", "ReplicaSet"];

/** The replicas a workload keeps at least: the HPA's minimum when an HPA owns it, else spec.replicas (default 1). */
function minimumReplicas(workload: ObjectSubject, stack: PolicyStack): unknown {
  const targets = (h: ObjectSubject) => {
    const ref = record(record(h.object.spec).scaleTargetRef);
    return h.namespace === workload.namespace && ref.kind === workload.kind && ref.name === workload.name;
  };
  const hpa = stack.ofKind("autoscaling", "HorizontalPodAutoscaler").find(targets);
  const value = hpa ? record(hpa.object.spec).minReplicas : record(workload.object.spec).replicas;
  return isUnknown(value) ? value : Number(value ?? 1);
}

/** Whether the pod spec spreads over zones (a topology spread or anti-affinity term on the zone key). */
function spreadsOverZones(spec: Record<string, unknown>): boolean | "unknown" {
  const anti = record(record(spec.affinity).podAntiAffinity);
  const keys = [
    ...list<unknown>(spec.topologySpreadConstraints).map((c) => record(c).topologyKey),
    ...list<unknown>(anti.requiredDuringSchedulingIgnoredDuringExecution).map((t) => record(t).topologyKey),
    ...list<unknown>(anti.preferredDuringSchedulingIgnoredDuringExecution).map((t) => record(record(t).podAffinityTerm).topologyKey),
  ];
  if (keys.includes(ZONE_TOPOLOGY_KEY)) return true;
  return keys.some(isUnknown) || isUnknown(spec.affinity) ? "unknown" : false;
}

/**
 * A workload that may run on spot survives a reclaim: at least two replicas, a PodDisruptionBudget so that a
 * drain takes them one at a time, and a spread over zones so one zone's reclaim wave does not take them all.
 */
export const placementSpotResilience: StackRule = {
  name: "placement-spot-resilience",
  family: "placement",
  summary: `a workload that selects or tolerates spot keeps ≥ 2 replicas (or HPA minReplicas), has a PodDisruptionBudget and spreads over zones (${ZONE_TOPOLOGY_KEY})`,
  scope: "stack",
  checkStack(stack): Finding[] {
    const budgets = stack.ofKind("policy", "PodDisruptionBudget");
    return stack.objects
      .filter((s) => REPLICATED_KINDS.includes(s.kind))
      .flatMap((workload) => {
        const [template] = podTemplateAt(workload.object, "spec.template");
        if (!template) return [];
        const site = { path: template.path, fields: template.spec as Record<string, unknown> };
        const selections = spotSelections(site);
        const tolerations = spotTolerations(site);
        if (selections.found.length === 0 && tolerations.found.length === 0) {
          const unknown = [...selections.unknown, ...tolerations.unknown];
          return unknown.length ? [{ subject: workload, message: undetermined(unknown.join(", "), "whether it runs on spot could not be judged in this preview") }] : [];
        }
        const messages: RuleMessage[] = [];
        const replicas = minimumReplicas(workload, stack);
        if (isUnknown(replicas)) messages.push(undetermined("its replica count (spec.replicas or the HPA's minReplicas)"));
        else if ((replicas as number) < 2) messages.push(`runs on spot with ${replicas} replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)`);
        const labels = record(template.metadata.labels) as Record<string, string>;
        // policy/v1: an empty selector selects every pod of the namespace, a missing one none.
        const selects = (b: ObjectSubject) => (record(b.object.spec).selector === undefined ? false : selectorMatches(record(b.object.spec).selector, labels));
        const verdicts = budgets.filter((b) => b.namespace === workload.namespace).map(selects);
        if (!verdicts.includes(true)) {
          if (verdicts.includes("unknown")) messages.push(undetermined("a PodDisruptionBudget's selector (or the pods' labels)", "whether one selects its pods could not be judged in this preview"));
          else messages.push("runs on spot without a PodDisruptionBudget selecting its pods: a drain may take every replica at once");
        }
        const spread = spreadsOverZones(template.spec as Record<string, unknown>);
        if (spread === "unknown") messages.push(undetermined("its topology spread or anti-affinity", "whether it spreads over zones could not be judged in this preview"));
        else if (!spread) messages.push(`runs on spot without spreading over zones: add a topologySpreadConstraint on ${ZONE_TOPOLOGY_KEY}`);
        return messages.map((message) => ({ subject: workload, message }));
      });
  },
};
