import type { Profile } from "../../config/profiles";
import type { AutoscaledPool, DisruptionBudgetSpec, KarpenterPoolSpec, PoolLimitsSpec } from "./spec";

/**
 * Karpenter's defaults per profile. A pool's limits are what its managed node group would hold at its
 * maximum (`cluster.autoscaling.mode: none`, cluster/defaults.ts): dev spot 8 × m6i.large, prod spot 30 ×
 * m6i.xlarge, and so on; the stateful pool's per zone, over three zones. Its instances: c, m and r families
 * of recent generations in a size range, which gives the spot pool well over the types it needs.
 */

export interface PoolDefaults {
  instances: { families?: string[]; categories?: string[]; minGeneration?: number; sizes?: string[] };
  limits: PoolLimitsSpec;
  consolidationPolicy: KarpenterPoolSpec["consolidationPolicy"];
  consolidateAfter: string;
  expireAfter: string;
  budgets: DisruptionBudgetSpec[];
}

export interface KarpenterProfileDefaults {
  replicas: number;
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  pools: Record<AutoscaledPool, PoolDefaults>;
}

/** Nodes live at most 30 days (Karpenter's default): each replacement runs the pinned image freshly. */
const EXPIRE_AFTER = "720h";
/** At most a tenth of a pool's nodes disrupted at once (Karpenter's default budget). */
const TENTH: DisruptionBudgetSpec[] = [{ nodes: "10%" }];

function pools(profile: Profile): Record<AutoscaledPool, PoolDefaults> {
  const dev = profile === "dev";
  const cpuSizes = dev ? ["large", "xlarge", "2xlarge"] : ["xlarge", "2xlarge", "4xlarge"];
  const after = dev ? "30s" : "5m";
  const common = { consolidationPolicy: "WhenEmptyOrUnderutilized" as const, consolidateAfter: after, expireAfter: EXPIRE_AFTER, budgets: TENTH };
  return {
    // Older generations too: spot capacity is deepest across many families.
    spot: { instances: { categories: ["c", "m", "r"], minGeneration: 5, sizes: cpuSizes }, limits: dev ? { cpu: "16", memory: "64Gi" } : { cpu: "120", memory: "480Gi" }, ...common },
    "on-demand": { instances: { categories: ["c", "m", "r"], minGeneration: 6, sizes: cpuSizes }, limits: dev ? { cpu: "8", memory: "32Gi" } : { cpu: "48", memory: "192Gi" }, ...common },
    // Data pods are moved only when their node is empty, one node at a time: a consolidation would restart
    // a broker or a database instance to save a node.
    stateful: {
      instances: { categories: ["r"], minGeneration: 6, sizes: dev ? ["large", "xlarge"] : ["xlarge", "2xlarge"] },
      limits: dev ? { cpu: "12", memory: "96Gi" } : { cpu: "48", memory: "384Gi" },
      consolidationPolicy: "WhenEmpty",
      consolidateAfter: after,
      expireAfter: EXPIRE_AFTER,
      budgets: [{ nodes: "1" }],
    },
    gpu: { instances: { families: ["g4dn", "g5", "g6"], sizes: ["xlarge", "2xlarge"] }, limits: dev ? { cpu: "16", memory: "64Gi", gpus: 2 } : { cpu: "32", memory: "128Gi", gpus: 4 }, ...common },
  };
}

export const karpenterProfileDefaults: Record<Profile, KarpenterProfileDefaults> = {
  dev: { replicas: 1, resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } }, pools: pools("dev") },
  // Two replicas (leader election) with a PodDisruptionBudget; upstream's production sizing of 1 CPU and 1 GiB.
  prod: { replicas: 2, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } }, pools: pools("prod") },
};

/**
 * The fewest instance types a spot pool may draw from. Karpenter replaces one spot node by a cheaper one only
 * when at least 15 types are open to it (its single-node spot-to-spot consolidation; karpenter.sh "Disruption"),
 * and a pool that wide rides out a few spot pools running dry (karpenter.sh FAQ: "as many distinct instance
 * types as possible").
 */
export const MIN_SPOT_INSTANCE_TYPES = 15;

/**
 * The fewest instance types a spot gpu pool may draw from: GPU spot capacity is scarce in every family, and
 * one type running dry must not empty the pool (the node groups' rule; 15 GPU types is more than most regions offer).
 */
export const MIN_SPOT_GPU_INSTANCE_TYPES = 3;
