import type { IAffinity } from "kubernetes-models/v1/Affinity";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import type { PlacementSpec } from "../config/layers/spec";
import type { AntiAffinityMode } from "../platform/placement";

export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
export const HOST_TOPOLOGY_KEY = "kubernetes.io/hostname";

/** Spread a workload's pods over zones and over nodes, as the profile asks. */
export function spreadConstraints(selector: Record<string, string>, placement: PlacementSpec): ITopologySpreadConstraint[] {
  return [
    { topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: placement.zoneSpread },
    { topologyKey: HOST_TOPOLOGY_KEY, whenUnsatisfiable: placement.hostSpread },
  ].map((c) => ({
    ...c,
    maxSkew: 1,
    labelSelector: { matchLabels: selector },
    // Count only pods of the same revision, so a rolling update is not held back by the old ones.
    matchLabelKeys: ["pod-template-hash"],
  }));
}

export type { AntiAffinityMode } from "../platform/placement";

/**
 * Pod anti-affinity among a workload's own pods on the host key: "required" never puts two on one node
 * (so each pod, the rolling update's surge included, needs a node of its own), "preferred" avoids it
 * wherever the scheduler can (weight 100, the most a preference can weigh).
 */
export function hostAntiAffinity(selector: Record<string, string>, mode: AntiAffinityMode): IAffinity {
  const term = { labelSelector: { matchLabels: selector }, topologyKey: HOST_TOPOLOGY_KEY };
  return mode === "required"
    ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
    : { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
}
