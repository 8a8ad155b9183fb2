import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { apiGroupOf } from "../pod-security/pod-spec";
import { KARPENTER_NODEPOOL } from "./node-pool-capacity";

/** The limits a dynamic NodePool must state: without them Karpenter launches nodes until the account's quotas stop it. */
const REQUIRED_LIMITS = ["cpu", "memory"] as const;

/**
 * Every Karpenter NodePool is bounded: a dynamic one (no `replicas`) by a CPU and a memory limit, so that a
 * runaway autoscaler, a bad deployment or a pending-pod storm costs at most the pool's limits.
 */
export const placementNodePoolLimits: ResourceRule = {
  name: "placement-node-pool-limits",
  family: "placement",
  summary: "every Karpenter NodePool has limits: a CPU and a memory limit (a static one, its replicas)",
  scope: "resource",
  checkSubject(subject) {
    const object = subject.object;
    if (!object || subject.kind !== KARPENTER_NODEPOOL.kind || apiGroupOf(object.apiVersion) !== KARPENTER_NODEPOOL.apiGroup) return [];
    const spec = record(object.spec);
    // A static pool (replicas) needs no limits: whether it is one must be known.
    if (isUnknown(spec.replicas)) return [undetermined("spec.replicas")];
    if (spec.replicas !== undefined) return [];
    const limits = record(spec.limits);
    const unknown = REQUIRED_LIMITS.filter((l) => isUnknown(limits[l]));
    if (unknown.length) return unknown.map((l) => undetermined(`spec.limits.${l}`));
    const missing = REQUIRED_LIMITS.filter((l) => limits[l] === undefined || limits[l] === null || limits[l] === "");
    if (missing.length === 0) return [];
    return [`has no ${missing.join(" or ")} limit (spec.limits): Karpenter would launch nodes until the account's quotas stop it; bound the pool`];
  },
};
