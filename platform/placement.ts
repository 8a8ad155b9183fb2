import { NVIDIA_GPU_RESOURCE } from "./gpu";
import { labelKeys } from "./labels";

/**
 * The single placement definition: node pools, the labels their nodes carry and the taints that keep
 * other workloads off them. Node groups (cluster layer) take labels and taints from here; workloads take
 * the matching nodeSelector and tolerations from here. Nothing else spells a pool label or a taint.
 */
export const nodePoolNames = ["system", "stateful", "on-demand", "spot", "gpu"] as const;
export type NodePool = (typeof nodePoolNames)[number];

/** The pools an application layer may choose (its "capacity class"). */
export const capacityClasses = ["spot", "on-demand", "gpu"] as const;
export type CapacityClass = (typeof capacityClasses)[number];

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";
export interface Taint {
  key: string;
  value: string;
  effect: TaintEffect;
}

export interface NodePoolPlacement {
  /** What the pool is for (documentation, printed by `strata check`). */
  purpose: string;
  /** Whether a pool's nodes may be reclaimed by the cloud (spot). Stateful data never goes there. */
  interruptible: boolean;
  /** Labels every node of the pool carries. */
  nodeLabels: Record<string, string>;
  /** Taints every node of the pool carries. */
  taints: Taint[];
}

function poolTaint(pool: NodePool): Taint {
  return { key: labelKeys.nodePool, value: pool, effect: "NoSchedule" };
}

export const nodePools: Record<NodePool, NodePoolPlacement> = {
  system: {
    purpose: "operators and control components",
    interruptible: false,
    nodeLabels: { [labelKeys.nodePool]: "system" },
    taints: [poolTaint("system")],
  },
  stateful: {
    purpose: "Kafka, Postgres, Redis and metrics storage",
    interruptible: false,
    nodeLabels: { [labelKeys.nodePool]: "stateful" },
    taints: [poolTaint("stateful")],
  },
  "on-demand": {
    purpose: "application layers that must not be interrupted",
    interruptible: false,
    nodeLabels: { [labelKeys.nodePool]: "on-demand" },
    taints: [],
  },
  spot: {
    purpose: "application layers that tolerate interruption",
    interruptible: true,
    nodeLabels: { [labelKeys.nodePool]: "spot" },
    taints: [poolTaint("spot")],
  },
  gpu: {
    purpose: "GPU workloads",
    interruptible: false,
    nodeLabels: { [labelKeys.nodePool]: "gpu" },
    // The conventional GPU taint, keyed by the GPU resource's name.
    taints: [{ key: NVIDIA_GPU_RESOURCE, value: "true", effect: "NoSchedule" }],
  },
};

export interface Toleration {
  key: string;
  operator: "Equal";
  value: string;
  effect: TaintEffect;
}

export interface PodPlacement {
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
}

/** The nodeSelector and tolerations that put a pod on a pool (and only there). */
export function podPlacement(pool: NodePool): PodPlacement {
  const placement = nodePools[pool];
  return {
    nodeSelector: { ...placement.nodeLabels },
    tolerations: placement.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: t.effect })),
  };
}

/** How strictly a layer keeps its pods on separate nodes (`layers[i].antiAffinity`). */
export const antiAffinityModes = ["required", "preferred"] as const;
export type AntiAffinityMode = (typeof antiAffinityModes)[number];
