import { formatCpu, formatMemory, parseQuantity } from "../platform/quantity";
import type { QuotaSpec } from "./spec";

/** What a layer may run at its peak: every replica the autoscaler allows plus a rolling update's surge. */
export function peakPods(maxReplicas: number, maxSurgePercent: number): number {
  return maxReplicas + Math.max(1, Math.ceil((maxReplicas * maxSurgePercent) / 100));
}

/** The smallest quota that admits `pods` pods of the given per-pod resources. */
export function requiredQuota(
  pods: number,
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } },
): QuotaSpec {
  return {
    pods,
    requestsCpu: formatCpu(pods * parseQuantity(resources.requests.cpu)),
    requestsMemory: formatMemory(pods * parseQuantity(resources.requests.memory)),
    limitsMemory: formatMemory(pods * parseQuantity(resources.limits.memory)),
  };
}

/** Quota fields an override sets below what the layer needs, as [field, needed] pairs. */
export function quotaShortfalls(quota: Partial<QuotaSpec>, required: QuotaSpec): [keyof QuotaSpec, string | number][] {
  const short: [keyof QuotaSpec, string | number][] = [];
  if (quota.pods !== undefined && quota.pods < required.pods) short.push(["pods", required.pods]);
  for (const key of ["requestsCpu", "requestsMemory", "limitsMemory"] as const) {
    const value = quota[key];
    if (value !== undefined && parseQuantity(value) < parseQuantity(required[key])) short.push([key, required[key]]);
  }
  return short;
}
