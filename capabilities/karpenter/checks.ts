import type { CheckContext } from "../../config/capability-config";
import type { ConfigIssue } from "../../config/issues";
import { podRequests, type Requests } from "../../config/layers/demand";
import { countedInstanceTypes, selectedShapes } from "../../platform/instance-shapes";
import { instanceFamilies, nvidiaGpusBySize } from "../../platform/instance-types";
import { cluster, type AutoscaledPoolSpec } from "../cluster";
import { allocatable, fittingShapes, formatCores, formatGiB, poolDemand, type PoolDemand } from "./capacity";
import { MIN_SPOT_GPU_INSTANCE_TYPES, MIN_SPOT_INSTANCE_TYPES } from "./defaults";
import { windowMinutes, windowPeriodMinutes } from "./maintenance-window";
import { resolveKarpenter } from "./resolve";
import { karpenterSchema, type KarpenterConfig } from "./schema";
import type { AutoscaledPool, KarpenterPoolSpec } from "./spec";

/**
 * Karpenter's checks, on the config as its schema reads it (a slice that does not parse is the schema's to
 * report) and the cluster's resolved spec: the key is used where Karpenter runs; each pool's instance
 * selection is real (known families, GPU ones only in the gpu pool, amd64) and a spot pool wide enough; every
 * layer's pod fits some instance type of its pool; every pool's limits hold its layers at their peak; the
 * maintenance window is shorter than its cycle.
 */
export function karpenterIssues(context: CheckContext): ConfigIssue[] {
  const parsed = karpenterSchema.safeParse(context.raw.karpenter ?? {});
  const spec = context.resolved.of(cluster);
  if (!parsed.success || !spec) return [];
  const config = parsed.data;
  if (spec.mode !== "eks" || spec.autoscaling.mode !== "karpenter") {
    if (context.raw.karpenter === undefined) return [];
    const why = spec.mode === "existing" ? "the cluster is an existing one (Strata creates no AWS resource there)" : "cluster.autoscaling.mode is none";
    return [{ path: "karpenter", message: `Karpenter runs only on an EKS cluster Strata creates, in cluster.autoscaling.mode karpenter, but ${why}: remove this key or change that` }];
  }
  const autoscaled = spec.autoscaling.pools;
  const issues = [...windowIssues(config), ...poolKeyIssues(config, autoscaled)];
  if (issues.length) return issues;
  const pools = resolveKarpenter(config, autoscaled, context.profile).pools;
  issues.push(...pools.flatMap((p) => selectionIssues(p, config)));
  if (issues.length || !context.core) return issues;
  const layers = context.core.spec.layers;
  return [...podSizeIssues(pools, context), ...pools.flatMap((p) => limitIssues(poolDemand(p, layers), context.profile, config))];
}

function windowIssues(config: KarpenterConfig): ConfigIssue[] {
  const window = config.maintenanceWindow;
  if (!window) return [];
  const minutes = windowMinutes(window.duration);
  const period = windowPeriodMinutes(window);
  if (minutes > 0 && minutes < period) return [];
  return [{ path: "karpenter.maintenanceWindow.duration", message: `a ${window.day === "daily" ? "daily" : "weekly"} window lasts more than 0 and less than ${period / 60}h (got ${window.duration})` }];
}

function poolKeyIssues(config: KarpenterConfig, autoscaledPools: AutoscaledPoolSpec[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [pool, own] of Object.entries(config.pools ?? {}) as [AutoscaledPool, NonNullable<KarpenterConfig["pools"]>[AutoscaledPool]][]) {
    const at = `karpenter.pools.${pool}`;
    const autoscaled = autoscaledPools.find((p) => p.pool === pool);
    if (!autoscaled) {
      issues.push({ path: at, message: "the cluster has no gpu pool: add cluster.nodeGroups.gpu (`gpu: {}` takes the defaults)" });
      continue;
    }
    if (own?.instances && autoscaled.instanceTypes) {
      issues.push({ path: `${at}.instances`, message: `cluster.nodeGroups.${pool}.instanceTypes lists the pool's types already: give either the list or requirements, not both` });
    }
    if (own?.limits?.gpus !== undefined && pool !== "gpu") issues.push({ path: `${at}.limits.gpus`, message: "only the gpu pool's nodes have GPUs" });
    const instances = own?.instances;
    if (pool === "gpu" && instances?.categories) issues.push({ path: `${at}.instances.categories`, message: "the gpu pool draws from GPU families: name them in families (e.g. g5, g6)" });
    instances?.families?.forEach((family, i) => {
      const known = instanceFamilies[family];
      const where = `${at}.instances.families[${i}]`;
      if (!known) issues.push({ path: where, message: `unknown instance family "${family}" (known families: ${Object.keys(instanceFamilies).sort().join(", ")})` });
      else if (known.gpu !== (pool === "gpu")) issues.push({ path: where, message: pool === "gpu" ? `"${family}" has no NVIDIA GPU: the gpu pool takes GPU families only` : `"${family}" is a GPU family: GPU capacity belongs to the gpu pool` });
      else if (known.architecture !== "x86_64") issues.push({ path: where, message: `"${family}" is ${known.architecture}: Karpenter's pools run x86_64 (amd64) nodes, the architecture the layers' images are built for` });
    });
  }
  return issues;
}

function describeSelection(pool: KarpenterPoolSpec): string {
  const s = pool.instances;
  if (s.kind === "types") return s.types.join(", ");
  const parts = [s.families && `families ${s.families.join(", ")}`, s.categories && `categories ${s.categories.join(", ")}`, s.minGeneration !== undefined && `generation ≥ ${s.minGeneration}`, s.sizes && `sizes ${s.sizes.join(", ")}`];
  return parts.filter(Boolean).join("; ");
}

/** Where a pool's instance types are set: the cluster's list, or Karpenter's requirements (explicit or the profile's). */
function selectionKey(pool: KarpenterPoolSpec, config: KarpenterConfig): { path: string; source: string } {
  if (pool.instances.kind === "types") return { path: `cluster.nodeGroups.${pool.pool}.instanceTypes`, source: "" };
  const explicit = config.pools?.[pool.pool]?.instances !== undefined;
  return { path: `karpenter.pools.${pool.pool}.instances`, source: explicit ? "" : " (the profile's default)" };
}

function selectionIssues(pool: KarpenterPoolSpec, config: KarpenterConfig): ConfigIssue[] {
  const { path, source } = selectionKey(pool, config);
  const shapes = selectedShapes(pool.instances);
  if (shapes.length === 0) return [{ path, message: `no instance type Strata knows matches ${describeSelection(pool)}${source}` }];
  if (pool.instances.kind === "requirements" && pool.instances.gpu && pool.instances.sizes) {
    const offered = new Set((pool.instances.families ?? Object.keys(nvidiaGpusBySize)).flatMap((f) => Object.keys(nvidiaGpusBySize[f] ?? {})));
    const unknown = pool.instances.sizes.filter((s) => !offered.has(s));
    if (unknown.length) return [{ path: `${path}.sizes`, message: `no family of the gpu pool comes in ${unknown.join(", ")}` }];
  }
  if (pool.capacityType === "spot") {
    const count = countedInstanceTypes(pool.instances);
    const gpu = pool.pool === "gpu";
    const least = gpu ? MIN_SPOT_GPU_INSTANCE_TYPES : MIN_SPOT_INSTANCE_TYPES;
    if (count < least) {
      const why = gpu
        ? "one GPU type running dry must not empty the pool"
        : `Karpenter replaces a spot node by a cheaper one only with ${MIN_SPOT_INSTANCE_TYPES} types open to it, and a narrow pool empties when a few spot pools run dry`;
      return [
        {
          path,
          message:
            `the ${pool.pool} pool runs on spot and allows ${count} instance type${count === 1 ? "" : "s"} (${describeSelection(pool)}${source}), fewer than ${least}: ${why}; widen the families, categories, generations or sizes` +
            (pool.instances.kind === "requirements" && !gpu ? " (sizes above 4xlarge are not counted: not every family has them)" : ""),
        },
      ];
    }
  }
  return [];
}

/** Every layer's pod fits some instance type of its pool (after the kubelet's reserve and Strata's DaemonSets). */
function podSizeIssues(pools: KarpenterPoolSpec[], context: CheckContext): ConfigIssue[] {
  const core = context.core!;
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  core.spec.layers.forEach((layer, deployedIndex) => {
    const pool = pools.find((p) => p.pool === layer.capacityClass);
    const base = layer.tenant !== undefined ? layer.name.slice(layer.tenant.length + 1) : layer.name;
    if (!pool || seen.has(base)) return;
    seen.add(base);
    const pod = podRequests(layer);
    if (fittingShapes(pool, pod).length) return;
    const index = core.configuredLayers.findIndex((l) => l.name === base);
    const shapes = selectedShapes(pool.instances);
    const roomy = (pick: (s: ReturnType<typeof allocatable>) => number | undefined) => Math.max(...shapes.map((s) => pick(allocatable(s)) ?? Infinity));
    const at = `layers[${index >= 0 ? index : deployedIndex}]`;
    const largestCpu = roomy((a) => a.cpu);
    const largestMemory = roomy((a) => a.memory);
    const largestGpus = roomy((a) => a.gpus);
    const [field, asked, most] =
      pod.cpu > largestCpu
        ? ["resources.requests.cpu", formatCores(pod.cpu), `${formatCores(largestCpu)}`]
        : pod.gpus > largestGpus
          ? ["resources.gpus", `${pod.gpus} GPUs`, `${largestGpus} GPUs`]
          : pod.memory > largestMemory
            ? ["resources.requests.memory", formatGiB(pod.memory), formatGiB(largestMemory)]
            : ["resources.requests.cpu", `${formatCores(pod.cpu)} and ${formatGiB(pod.memory)}`, "less of one or the other on every type"];
    issues.push({
      path: `${at}.${field}`,
      message:
        `a pod of ${base} requests ${asked} (its sidecar included), more than any instance type of the ${pool.pool} pool (${describeSelection(pool)}) leaves to pods: at most ${most} ` +
        `after the kubelet's reserve and Strata's DaemonSets; it would never schedule: allow larger sizes in the pool or request less`,
    });
  });
  return issues;
}

function limitSource(pool: AutoscaledPool, field: string, config: KarpenterConfig, profile: string): string {
  const limits = config.pools?.[pool]?.limits as Record<string, unknown> | undefined;
  return limits?.[field] !== undefined ? "" : ` (the ${profile} profile's default)`;
}

function layerPeaks(demand: PoolDemand, pick: (r: Requests) => string): string {
  return demand.layers.map((l) => `${l.layer} ${pick(l.peak)}`).join(", ");
}

/** A pool's limits hold its layers at their peak: requests in sum, and a node per pod for required anti-affinity. */
function limitIssues(demand: PoolDemand, profile: string, config: KarpenterConfig): ConfigIssue[] {
  const at = `karpenter.pools.${demand.pool}.limits`;
  const issues: ConfigIssue[] = [];
  const peakOf = "at their peak (the autoscalers' maxima, else the replicas, plus a rolling update's surge; sidecars included)";
  const { limits, peak } = demand;
  if (peak.cpu > limits.cpu) {
    issues.push({
      path: `${at}.cpu`,
      message: `the ${demand.pool} pool's layers request ${formatCores(peak.cpu)} ${peakOf}: ${layerPeaks(demand, (r) => formatCores(r.cpu))}; its limit is ${formatCores(limits.cpu)}${limitSource(demand.pool, "cpu", config, profile)}: raise it or lower the layers' maxima`,
    });
  }
  if (peak.memory > limits.memory) {
    issues.push({
      path: `${at}.memory`,
      message: `the ${demand.pool} pool's layers request ${formatGiB(peak.memory)} ${peakOf}: ${layerPeaks(demand, (r) => formatGiB(r.memory))}; its limit is ${formatGiB(limits.memory)}${limitSource(demand.pool, "memory", config, profile)}: raise it or lower the layers' maxima`,
    });
  }
  if (limits.gpus !== undefined && peak.gpus > limits.gpus) {
    issues.push({
      path: `${at}.gpus`,
      message: `the gpu pool's layers take ${peak.gpus} GPUs ${peakOf}: ${layerPeaks(demand, (r) => `${r.gpus}`)}; its limit is ${limits.gpus}${limitSource(demand.pool, "gpus", config, profile)}`,
    });
  }
  for (const whole of demand.wholeNodes) {
    if (limits.nodes !== undefined && whole.pods > limits.nodes) {
      issues.push({ path: `${at}.nodes`, message: `${whole.layer} has antiAffinity "required": its ${whole.pods} pods at their peak need a node each, but the ${demand.pool} pool may have ${limits.nodes} nodes` });
    }
    if (whole.node && whole.pods * whole.node.vcpus > limits.cpu) {
      issues.push({
        path: `${at}.cpu`,
        message: `${whole.layer} has antiAffinity "required": its ${whole.pods} pods at their peak need a node each, at least ${whole.node.type} (${whole.node.vcpus} vCPU), ${formatCores(whole.pods * whole.node.vcpus)} in all, above the limit of ${formatCores(limits.cpu)}${limitSource(demand.pool, "cpu", config, profile)}`,
      });
    }
  }
  return issues;
}
