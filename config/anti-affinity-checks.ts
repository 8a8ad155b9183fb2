import { capacityClasses, type CapacityClass } from "../platform/placement";
import { clusterProfileDefaults } from "./cluster-defaults";
import type { ConfigIssue } from "./issues";
import { layerDefaults } from "./layer-defaults";
import { profileDefaults, type Profile } from "./profiles";
import { peakPods } from "./quota";
import { isInt, isObject, type Raw } from "./raw";

/**
 * A layer with `antiAffinity: required` puts each pod on a node of its own, the rolling update's surge pod
 * included (maxUnavailable is 0, so a new pod starts before an old one goes): its peak pod count must fit
 * the most nodes its pool may have. Only an EKS-mode cluster states that number (`maxSize`, or the
 * profile's); the caller skips existing clusters.
 */
export function antiAffinityIssues(cluster: Raw, layers: unknown[], profile: Profile): ConfigIssue[] {
  const groups = isObject(cluster.nodeGroups) ? cluster.nodeGroups : {};
  const issues: ConfigIssue[] = [];
  layers.forEach((layer, i) => {
    if (!isObject(layer) || layer.antiAffinity !== "required") return;
    if (!(capacityClasses as readonly unknown[]).includes(layer.capacityClass)) return;
    const pool = layer.capacityClass as CapacityClass;
    const group = groups[pool];
    // No gpu pool at all is its own issue (cluster-checks.ts).
    if (pool === "gpu" && !isObject(group)) return;
    const explicitMax = isObject(group) && isInt(group.maxSize);
    const nodes = explicitMax ? (group.maxSize as number) : clusterProfileDefaults[profile].nodeGroups[pool].maxSize;

    const autoscaling = isObject(layer.autoscaling) && isInt(layer.autoscaling.maxReplicas) ? layer.autoscaling : undefined;
    const replicas = autoscaling ? (autoscaling.maxReplicas as number) : isInt(layer.replicas) ? layer.replicas : profileDefaults[profile].replicas;
    const peak = peakPods(replicas, layerDefaults.maxSurgePercent);
    if (peak <= nodes) return;
    const key = autoscaling ? "autoscaling.maxReplicas" : isInt(layer.replicas) ? "replicas" : "antiAffinity";
    const count = autoscaling ? `up to ${replicas} replicas` : `${replicas} replicas${isInt(layer.replicas) ? "" : ` (the ${profile} profile's default)`}`;
    issues.push({
      path: `layers[${i}].${key}`,
      message:
        `antiAffinity "required" gives each pod a node of its own: ${count} plus a rolling update's surge are ${peak} pods, ` +
        `but the ${pool} pool has at most ${nodes} nodes (cluster.nodeGroups.${pool}.maxSize${explicitMax ? "" : ", the profile's default"})`,
    });
  });
  return issues;
}
