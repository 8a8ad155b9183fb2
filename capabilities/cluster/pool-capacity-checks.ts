import { gpusPerInstance } from "../../platform/instance-types";
import { capacityClasses, type CapacityClass } from "../../platform/placement";
import type { LayerProblem } from "../../config/layers/checks";
import { clusterProfileDefaults } from "./defaults";
import type { ConfigIssue } from "../../config/issues";
import { layerDefaults } from "../../config/layers/defaults";
import { profileDefaults, type Profile } from "../../config/profiles";
import { peakPods } from "../../config/layers/quota";
import { asArray, isInt, isObject, isString, type Raw } from "../../config/raw";
import { isPerTenant, tenantCopyName, withTenantSizes, type SizedLayer } from "../../config/layers/tenancy-resolve";
import type { TenantLayerSizes } from "../../config/layers/tenancy-schema";

/**
 * Whether the layers' pods fit the nodes of their pool, with node groups of fixed size (`cluster.autoscaling.mode:
 * none`): a pool has its `desiredSize` nodes (the config's, else the profile's) and a pod that needs more stays
 * Pending. Two things need whole nodes: `antiAffinity: required` (a node per pod) and GPUs (a device is never
 * shared). Only an EKS-mode cluster states its pools' sizes; the caller skips existing clusters, and with
 * Karpenter the karpenter capability checks the pools against their limits instead.
 */

/** A layer's pods at their peak: the autoscaler's maximum (else the replicas, else the profile's) plus the rolling surge. */
interface LayerPeak {
  pods: number;
  /** The key that sets the count, for the issue's path. */
  key: string;
  /** How the count came about, for the message. */
  count: string;
}

function layerPeak(layer: Raw, profile: Profile): LayerPeak {
  const autoscaling = isObject(layer.autoscaling) && isInt(layer.autoscaling.maxReplicas) ? layer.autoscaling : undefined;
  const replicas = autoscaling ? (autoscaling.maxReplicas as number) : isInt(layer.replicas) ? layer.replicas : profileDefaults[profile].replicas;
  return {
    pods: peakPods(replicas, layerDefaults.maxSurgePercent),
    key: autoscaling ? "autoscaling.maxReplicas" : isInt(layer.replicas) ? "replicas" : "",
    count: `${autoscaling ? "up to " : ""}${plural(replicas, "replica")}${autoscaling || isInt(layer.replicas) ? "" : ` (the ${profile} profile's default)`}`,
  };
}

interface PoolNodes {
  nodes: number;
  /** Where the count comes from, for the message. */
  source: string;
  instanceTypes: unknown[];
}

/** The nodes a pool has and its instance types; undefined for a gpu pool the cluster does not configure. */
function poolNodes(cluster: Raw, pool: CapacityClass, profile: Profile): PoolNodes | undefined {
  const groups = isObject(cluster.nodeGroups) ? cluster.nodeGroups : {};
  const group = groups[pool];
  // No gpu pool at all is its own issue (checks.ts).
  if (pool === "gpu" && !isObject(group)) return undefined;
  const defaults = clusterProfileDefaults[profile].nodeGroups[pool];
  const explicit = isObject(group) && isInt(group.desiredSize);
  return {
    nodes: explicit ? (group.desiredSize as number) : defaults.desiredSize,
    source: `cluster.nodeGroups.${pool}.desiredSize${explicit ? "" : ", the profile's default"}; no node autoscaler adds more`,
    instanceTypes: isObject(group) && Array.isArray(group.instanceTypes) ? group.instanceTypes : defaults.instanceTypes,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function poolOf(layer: Raw): CapacityClass | undefined {
  return (capacityClasses as readonly unknown[]).includes(layer.capacityClass) ? (layer.capacityClass as CapacityClass) : undefined;
}

/** `antiAffinity: required` gives each pod a node of its own, the surge pod included: the peak must fit the pool's nodes. */
export function antiAffinityProblems(cluster: Raw, layer: Raw, profile: Profile): LayerProblem[] {
  const pool = poolOf(layer);
  if (layer.antiAffinity !== "required" || !pool) return [];
  const nodes = poolNodes(cluster, pool, profile);
  const peak = layerPeak(layer, profile);
  if (!nodes || peak.pods <= nodes.nodes) return [];
  return [
    {
      key: peak.key || "antiAffinity",
      message:
        `antiAffinity "required" gives each pod a node of its own: ${peak.count} plus a rolling update's surge are ${peak.pods} pods, ` +
        `but the ${pool} pool has ${plural(nodes.nodes, "node")} (${nodes.source})`,
    },
  ];
}

/** The fewest GPUs one node of the gpu pool carries (its pods may land on any of its instance types). */
function smallestGpuNode(nodes: PoolNodes): { gpus: number; type: string } | undefined {
  const known = nodes.instanceTypes.flatMap((t) => {
    const gpus = isString(t) ? gpusPerInstance(t) : undefined;
    return gpus === undefined ? [] : [{ gpus, type: t as string }];
  });
  return known.length ? known.reduce((a, b) => (b.gpus < a.gpus ? b : a)) : undefined;
}

/** The layers as deployed, raw: each per-tenant layer once per tenant, with that tenant's sizes over it. */
function deployedLayers(layers: Raw[], tenants: unknown[]): { layer: Raw; name: string }[] {
  return layers.flatMap((layer) => {
    const name = isString(layer.name) ? layer.name : "?";
    if (!isPerTenant(layer)) return [{ layer, name }];
    return tenants.flatMap((t) => {
      if (!isObject(t) || !isString(t.name)) return [];
      const sizes = isObject(t.layers) && isObject(t.layers[name]) ? (t.layers[name] as TenantLayerSizes) : undefined;
      return [{ layer: withTenantSizes(layer as SizedLayer, sizes) as Raw, name: tenantCopyName(t.name, name) }];
    });
  });
}

/**
 * A pod's GPUs must be on one node: `resources.gpus` at most the smallest instance type of the gpu pool.
 * And all GPU layers at their peak (each tenant's copy with its sizes) need no more GPUs than the pool's
 * nodes carry: a necessary condition (how pods pack onto nodes is the scheduler's).
 */
function gpuIssues(cluster: Raw, layers: Raw[], tenants: unknown[], profile: Profile): ConfigIssue[] {
  const nodes = poolNodes(cluster, "gpu", profile);
  const smallest = nodes && smallestGpuNode(nodes);
  if (!nodes || !smallest) return [];
  const gpusOf = (layer: Raw) => (layer.capacityClass === "gpu" && isObject(layer.resources) && isInt(layer.resources.gpus) ? layer.resources.gpus : 0);
  const issues: ConfigIssue[] = [];
  layers.forEach((layer, i) => {
    const gpus = gpusOf(layer);
    if (gpus > smallest.gpus) {
      issues.push({ path: `layers[${i}].resources.gpus`, message: `${gpus} GPUs per pod, but a ${smallest.type} node of the gpu pool carries ${smallest.gpus}: the pod would never schedule` });
    }
  });
  const demand = deployedLayers(layers, tenants)
    .map(({ layer, name }) => ({ name, gpus: gpusOf(layer), peak: layerPeak(layer, profile) }))
    .filter((d) => d.gpus > 0 && d.gpus <= smallest.gpus);
  const needed = demand.reduce((sum, d) => sum + d.gpus * d.peak.pods, 0);
  const available = nodes.nodes * smallest.gpus;
  if (needed > available) {
    const parts = demand.map((d) => `${d.name} ${d.gpus * d.peak.pods} (${d.peak.count} plus a rolling update's surge, ${d.gpus} each)`);
    issues.push({
      path: "cluster.nodeGroups.gpu.desiredSize",
      message: `the GPU layers need ${needed} GPUs at their peak (${parts.join("; ")}), but the gpu pool's ${plural(nodes.nodes, "node")} (${nodes.source}) carry ${available} (${smallest.gpus} per ${smallest.type})`,
    });
  }
  return issues;
}

/** Every layer's pool-capacity problems, at the layers' key paths (a tenant's sizes: see checks.ts). */
export function poolCapacityIssues(cluster: Raw, layers: unknown[], tenants: unknown, profile: Profile): ConfigIssue[] {
  const objects = layers.map((l) => (isObject(l) ? l : {}));
  return [
    ...objects.flatMap((layer, i) => antiAffinityProblems(cluster, layer, profile).map((p) => ({ path: `layers[${i}].${p.key}`, message: p.message }))),
    ...gpuIssues(cluster, objects, asArray(tenants), profile),
  ];
}
