import { ZONE_TOPOLOGY_KEY } from "../../manifests/topology";
import { list, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import { podTemplateAt } from "../pod-security/pod-spec";
import { selectorMatches } from "./label-selector";
import { spotSelections, spotTolerations } from "./scheduling";

/** Workload kinds that keep a number of replicas of a pod template. */
const REPLICATED_KINDS = ["Deployment", "StatefulSet", "ReplicaSet"];

/** The replicas a workload keeps at least: the HPA's minimum when an HPA owns it, else spec.replicas (default 1). */
function minimumReplicas(workload: ObjectSubject, stack: PolicyStack): number {
  const hpa = stack
    .ofKind("autoscaling", "HorizontalPodAutoscaler")
    .find((h) => h.namespace === workload.namespace && record(record(h.object.spec).scaleTargetRef).kind === workload.kind && record(record(h.object.spec).scaleTargetRef).name === workload.name);
  if (hpa) return Number(record(hpa.object.spec).minReplicas ?? 1);
  return Number(record(workload.object.spec).replicas ?? 1);
}

function spreadsOverZones(spec: Record<string, unknown>): boolean {
  if (list<Record<string, unknown>>(spec.topologySpreadConstraints).some((c) => c.topologyKey === ZONE_TOPOLOGY_KEY)) return true;
  const anti = record(record(spec.affinity).podAntiAffinity);
  const terms = [
    ...list<Record<string, unknown>>(anti.requiredDuringSchedulingIgnoredDuringExecution),
    ...list<Record<string, unknown>>(anti.preferredDuringSchedulingIgnoredDuringExecution).map((t) => record(t.podAffinityTerm)),
  ];
  return terms.some((t) => t.topologyKey === ZONE_TOPOLOGY_KEY);
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
        if (spotSelections(site).length === 0 && spotTolerations(site).length === 0) return [];
        const messages: string[] = [];
        const replicas = minimumReplicas(workload, stack);
        if (replicas < 2) messages.push(`runs on spot with ${replicas} replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)`);
        const labels = record(template.metadata.labels) as Record<string, string>;
        // policy/v1: an empty selector selects every pod of the namespace, a missing one none.
        const selects = (b: ObjectSubject) => record(b.object.spec).selector !== undefined && selectorMatches(record(b.object.spec).selector, labels);
        if (!budgets.some((b) => b.namespace === workload.namespace && selects(b))) {
          messages.push("runs on spot without a PodDisruptionBudget selecting its pods: a drain may take every replica at once");
        }
        if (!spreadsOverZones(template.spec as Record<string, unknown>)) {
          messages.push(`runs on spot without spreading over zones: add a topologySpreadConstraint on ${ZONE_TOPOLOGY_KEY}`);
        }
        return messages.map((message) => ({ subject: workload, message }));
      });
  },
};
