import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import type { PlacementSpec } from "../../config/spec";

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
