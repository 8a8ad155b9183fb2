import type { Profile } from "../../config/profiles";
import type { InstanceSelection } from "../../platform/instance-shapes";
import type { AutoscaledPoolSpec } from "../cluster";
import { karpenterProfileDefaults, type PoolDefaults } from "./defaults";
import { outsideWindowBudget } from "./maintenance-window";
import type { KarpenterConfig, KarpenterPoolConfig } from "./schema";
import type { KarpenterPoolSpec, KarpenterSpec } from "./spec";

/** Which instance types a pool draws from: the cluster's list for it, else its requirements (the config's over the profile's, key by key). */
export function poolSelection(pool: Pick<AutoscaledPoolSpec, "pool" | "instanceTypes">, config: KarpenterPoolConfig | undefined, defaults: PoolDefaults): InstanceSelection {
  if (pool.instanceTypes) return { kind: "types", types: [...pool.instanceTypes] };
  const instances = { ...defaults.instances, ...config?.instances };
  return { kind: "requirements", ...structuredClone(instances), gpu: pool.pool === "gpu" };
}

function resolvePool(pool: AutoscaledPoolSpec, config: KarpenterConfig, profile: Profile): KarpenterPoolSpec {
  const own = config.pools?.[pool.pool];
  const defaults = karpenterProfileDefaults[profile].pools[pool.pool];
  const limits = { ...defaults.limits, ...own?.limits };
  return {
    pool: pool.pool,
    capacityType: pool.capacityType === "SPOT" ? "spot" : "on-demand",
    instances: poolSelection(pool, own, defaults),
    diskSizeGiB: pool.diskSizeGiB,
    limits: { ...limits, cpu: String(limits.cpu) },
    consolidationPolicy: own?.consolidationPolicy ?? defaults.consolidationPolicy,
    consolidateAfter: own?.consolidateAfter ?? defaults.consolidateAfter,
    expireAfter: own?.expireAfter ?? defaults.expireAfter,
    budgets: [
      ...(own?.budgets ?? defaults.budgets).map((b) => ({ ...b, nodes: String(b.nodes) })),
      ...(config.maintenanceWindow ? [outsideWindowBudget(config.maintenanceWindow)] : []),
    ],
  };
}

/** Karpenter's spec for the pools the cluster gives it. */
export function resolveKarpenter(config: KarpenterConfig, pools: AutoscaledPoolSpec[], profile: Profile): KarpenterSpec {
  const defaults = karpenterProfileDefaults[profile];
  return {
    replicas: config.replicas ?? defaults.replicas,
    resources: structuredClone(defaults.resources),
    pools: pools.map((p) => resolvePool(p, config, profile)),
    ...(config.maintenanceWindow ? { maintenanceWindow: { ...config.maintenanceWindow } } : {}),
  };
}
