import type { CapacityType, NodeGroupSpec } from "./spec";
import { familyOf } from "../../platform/instance-types";
import { nodePools, type NodePool, type TaintEffect } from "../../platform/placement";

/**
 * The managed node groups of a cluster, as plain data: one per pool (the stateful pool: one per zone),
 * with the labels and taints of platform/placement.ts, so that nodes carry exactly what workloads select
 * and tolerate. The component turns each plan into a launch template and an `aws.eks.NodeGroup`.
 */

/** EKS spells taint effects in its own enum. */
export type EksTaintEffect = "NO_SCHEDULE" | "PREFER_NO_SCHEDULE" | "NO_EXECUTE";

export const eksTaintEffects: Record<TaintEffect, EksTaintEffect> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/** Amazon Linux 2023 node images: standard x86_64 or arm64, or x86_64 with the NVIDIA driver. */
export type AmiType = "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD" | "AL2023_x86_64_NVIDIA";

export interface EksTaint {
  key: string;
  value: string;
  effect: EksTaintEffect;
}

export interface NodeGroupPlan {
  /** Logical name, unique in the cluster: the pool, and for a per-zone group its zone index ("stateful-0"). */
  key: string;
  pool: NodePool;
  /** Indexes of the zones (private subnets) the group's nodes run in. */
  zones: number[];
  capacityType: CapacityType;
  instanceTypes: string[];
  amiType: AmiType;
  labels: Record<string, string>;
  taints: EksTaint[];
  scaling: { minSize: number; desiredSize: number; maxSize: number };
  diskSizeGiB: number;
}

/** The node image for a list of instance types (validation guarantees one architecture per group). */
export function amiTypeFor(instanceTypes: string[]): AmiType {
  const families = instanceTypes.map((t) => {
    const family = familyOf(t);
    if (!family) throw new Error(`unknown instance type ${t}`);
    return family;
  });
  if (families.some((f) => f.gpu)) return "AL2023_x86_64_NVIDIA";
  return families[0]?.architecture === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}

/** A pool's placement (labels and taints) in the form EKS node groups take. */
export function nodeGroupPlacement(pool: NodePool): { labels: Record<string, string>; taints: EksTaint[] } {
  const placement = nodePools[pool];
  return {
    labels: { ...placement.nodeLabels },
    taints: placement.taints.map((t) => ({ key: t.key, value: t.value, effect: eksTaintEffects[t.effect] })),
  };
}

export function nodeGroupPlans(groups: NodeGroupSpec[], zoneCount: number): NodeGroupPlan[] {
  const allZones = Array.from({ length: zoneCount }, (_, i) => i);
  return groups.flatMap((group) => {
    const common = {
      pool: group.pool,
      capacityType: group.capacityType,
      instanceTypes: [...group.instanceTypes],
      amiType: amiTypeFor(group.instanceTypes),
      ...nodeGroupPlacement(group.pool),
      scaling: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
      diskSizeGiB: group.diskSizeGiB,
    };
    if (!group.perZone) return [{ key: group.pool, zones: allZones, ...common }];
    return allZones.map((zone) => ({ key: `${group.pool}-${zone}`, zones: [zone], ...structuredClone(common) }));
  });
}
