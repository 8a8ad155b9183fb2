import type { IAffinity } from "kubernetes-models/v1/Affinity";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import type { PlacementSpec } from "../../config/layers/spec";
import { podPlacement, type NodePool, type Toleration } from "../../platform/placement";
import { HOST_TOPOLOGY_KEY, ZONE_TOPOLOGY_KEY } from "../topology";

/**
 * Where data pods and operators run, from the one placement definition: data pods on the stateful pool
 * (never spot), spread over zones (as the profile asks) and hosts (always: two replicas of a data service
 * on one node would fall together); operators on the system pool.
 */

export interface DataPodPlacement {
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  /** Node affinity to the pool (for operators whose CRD has no nodeSelector) and required host anti-affinity. */
  affinity: IAffinity;
  topologySpreadConstraints: ITopologySpreadConstraint[];
}

/** Required node affinity to one pool: the same rule as its nodeSelector, for fields that only take affinity. */
export function poolNodeAffinity(pool: NodePool): NonNullable<IAffinity["nodeAffinity"]> {
  const [[key, value]] = Object.entries(podPlacement(pool).nodeSelector);
  return { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: "In", values: [value] }] }] } };
}

/** Data pods selected by `selector`: stateful pool, one per host (required), spread over zones. */
export function statefulPlacement(selector: Record<string, string>, placement: PlacementSpec): DataPodPlacement {
  const { nodeSelector, tolerations } = podPlacement("stateful");
  return {
    nodeSelector,
    tolerations,
    affinity: {
      nodeAffinity: poolNodeAffinity("stateful"),
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST_TOPOLOGY_KEY, labelSelector: { matchLabels: selector } }] },
    },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: placement.zoneSpread, labelSelector: { matchLabels: selector } }],
  };
}

/** Operators: the system pool. */
export function operatorPlacement() {
  const { nodeSelector, tolerations } = podPlacement("system");
  return { nodeSelector, tolerations, affinity: { nodeAffinity: poolNodeAffinity("system") } };
}

