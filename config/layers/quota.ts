import { SIDECAR_RESOURCES } from "../../platform/istio";
import { compareQuantities, formatCpu, formatMemory, parseQuantity } from "../../platform/quantity";
import type { QuotaSpec } from "./spec";

/** What a layer may run at its peak: every replica the autoscaler allows plus a rolling update's surge. */
export function peakPods(maxReplicas: number, maxSurgePercent: number): number {
  return maxReplicas + Math.max(1, Math.ceil((maxReplicas * maxSurgePercent) / 100));
}

/**
 * The smallest quota that admits `pods` pods of the given per-pod resources (and `gpus` GPUs each). Every pod
 * also carries the mesh's sidecar (its init container runs before the others, so it adds nothing beyond the
 * sidecar).
 */
export function requiredQuota(
  pods: number,
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } },
  gpus?: number,
): QuotaSpec {
  const perPod = (app: string, sidecar: string) => parseQuantity(app) + parseQuantity(sidecar);
  return {
    pods,
    requestsCpu: formatCpu(pods * perPod(resources.requests.cpu, SIDECAR_RESOURCES.requests.cpu)),
    requestsMemory: formatMemory(pods * perPod(resources.requests.memory, SIDECAR_RESOURCES.requests.memory)),
    limitsMemory: formatMemory(pods * perPod(resources.limits.memory, SIDECAR_RESOURCES.limits.memory)),
    ...(gpus ? { requestsGpus: pods * gpus } : {}),
  };
}

/** Quota fields an override sets below what the layer needs, as [field, needed] pairs. */
export function quotaShortfalls(quota: Partial<QuotaSpec>, required: QuotaSpec): [keyof QuotaSpec, string | number][] {
  const short: [keyof QuotaSpec, string | number][] = [];
  if (quota.pods !== undefined && quota.pods < required.pods) short.push(["pods", required.pods]);
  for (const key of ["requestsCpu", "requestsMemory", "limitsMemory"] as const) {
    const value = quota[key];
    if (value !== undefined && compareQuantities(value, required[key]) < 0) short.push([key, required[key]]);
  }
  return short;
}
