import { z } from "zod";
import { goDurationRangeProblem } from "../../platform/duration";
import { cpuQuantity, cronFor, memoryQuantity } from "../../config/primitives";
import { cpuCategories, standardSizes } from "../../platform/instance-shapes";

/**
 * `strata:karpenter`: node autoscaling (with `cluster.autoscaling.mode: karpenter`, the default on EKS). Every
 * key is optional: the pools' defaults are per profile (defaults.ts). Which pools exist, their instance type
 * lists (when given), capacity type and disks stay the cluster's (`cluster.nodeGroups.<pool>`).
 */

/** A Karpenter duration ("30s", "5m", "720h") or "Never", as NodePools take it. */
export const KARPENTER_DURATION = /^(([0-9]+(s|m|h))+|Never)$/;
const karpenterDuration = z
  .string()
  .regex(KARPENTER_DURATION, { message: 'must be a duration such as "30s", "5m" or "720h", or "Never"' })
  .refine((d) => d === "Never" || goDurationRangeProblem(d) === undefined, { message: "is longer than Go's longest duration (2562047h)" });

/** A budget's or window's length: hours and minutes ("4h", "90m", "1h30m"), as Karpenter's budgets take it. */
export const WINDOW_DURATION = /^(?=\d)([0-9]+h)?([0-9]+m)?$/;
const windowDuration = z.string().regex(WINDOW_DURATION, { message: 'must be hours and minutes such as "4h", "90m" or "1h30m"' });

export const disruptionReasons = ["Underutilized", "Empty", "Drifted"] as const;
export const consolidationPolicies = ["WhenEmptyOrUnderutilized", "WhenEmpty", "Balanced"] as const;
export const windowDays = ["daily", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

export const budgetSchema = z
  .object({
    /** How many of the pool's nodes may be disrupted at once: a count ("2", 2) or a share ("10%"); "0" stops voluntary disruption. */
    nodes: z.union([z.int32().min(0), z.string().regex(/^((100|[0-9]{1,2})%|[0-9]+)$/, { message: 'must be a node count such as "2" or a share such as "10%"' })]),
    /** The disruptions it limits; absent: all (consolidation of underutilized and empty nodes, drift). */
    reasons: z.array(z.enum(disruptionReasons)).min(1).optional(),
    /** When it is active (cron, UTC), with `duration`; absent: always. */
    schedule: cronFor("karpenter").optional(),
    duration: windowDuration.optional(),
  })
  .strict()
  .refine((b) => (b.schedule === undefined) === (b.duration === undefined), { message: "schedule and duration come together: a budget with a schedule is active for its duration" });

export const poolInstancesSchema = z
  .object({
    /** Instance families (e.g. m6i, g5): only these. The gpu pool's default: g4dn, g5, g6. */
    families: z.array(z.string().min(1)).min(1).optional(),
    /** Instance categories of a CPU pool (c: compute, m: general, r: memory). */
    categories: z.array(z.enum(cpuCategories)).min(1).optional(),
    /** The oldest generation (m5: 5). */
    minGeneration: z.int32().min(1).max(9).optional(),
    /** Instance sizes (`xlarge`, `4xlarge`): a CPU pool's from large to 24xlarge; a GPU family's own. */
    sizes: z.array(z.string().regex(/^(large|[1-9][0-9]*xlarge|xlarge)$/, { message: `must be an instance size such as ${standardSizes.slice(0, 3).join(", ")}` })).min(1).optional(),
  })
  .strict();

export const poolLimitsSchema = z
  .object({
    /** vCPUs of all the pool's nodes together (capacity, not requests): a count or a quantity ("200"). */
    cpu: z.union([z.int32().min(1), cpuQuantity]).optional(),
    /** Memory of all its nodes together ("800Gi"). */
    memory: memoryQuantity.optional(),
    /** How many nodes it may have. */
    nodes: z.int32().min(1).optional(),
    /** NVIDIA GPUs of all its nodes (gpu pool). */
    gpus: z.int32().min(1).optional(),
  })
  .strict();

export const karpenterPoolSchema = z
  .object({
    /** The most the pool may grow to: Karpenter starts no node beyond these. */
    limits: poolLimitsSchema.optional(),
    /** Which instance types the pool draws from (instead of `cluster.nodeGroups.<pool>.instanceTypes`). */
    instances: poolInstancesSchema.optional(),
    /** When Karpenter removes or replaces nodes to save: empty ones only, or underutilized ones too. */
    consolidationPolicy: z.enum(consolidationPolicies).optional(),
    /** How long a node stays after its pods changed before it may be consolidated ("Never": not at all). */
    consolidateAfter: karpenterDuration.optional(),
    /** A node's longest life before it is replaced (fresh images, no drift): "720h", or "Never". */
    expireAfter: karpenterDuration.optional(),
    /** How many nodes voluntary disruption may take at once, when (replaces the default budget). */
    budgets: z.array(budgetSchema).min(1).max(49).optional(),
  })
  .strict();

export const karpenterSchema = z
  .object({
    /** Per pool (the capacity classes and the stateful pool); system stays a managed node group. */
    pools: z
      .object({ spot: karpenterPoolSchema.optional(), "on-demand": karpenterPoolSchema.optional(), stateful: karpenterPoolSchema.optional(), gpu: karpenterPoolSchema.optional() })
      .strict()
      .optional(),
    /**
     * The only time voluntary disruption (consolidation, drift) may happen, in UTC: every pool then gets a
     * budget of 0 nodes outside it. Spot interruptions and expiry are not voluntary and are not held.
     */
    maintenanceWindow: z
      .object({
        day: z.enum(windowDays),
        /** "02:00" (UTC). */
        start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'must be a UTC time such as "02:00"' }),
        duration: windowDuration,
      })
      .strict()
      .optional(),
    /** Controller replicas (default: dev 1, prod 2 with a PodDisruptionBudget). */
    replicas: z.int32().min(1).max(5).optional(),
  })
  .strict();

export type KarpenterInput = z.input<typeof karpenterSchema>;
export type KarpenterConfig = z.output<typeof karpenterSchema>;
export type KarpenterPoolConfig = z.output<typeof karpenterPoolSchema>;
