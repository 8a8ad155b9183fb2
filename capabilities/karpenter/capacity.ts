import { layerDemand, sumRequests, type Requests } from "../../config/layers/demand";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { selectedShapes, type InstanceShape } from "../../platform/instance-shapes";
import { parseQuantity } from "../../platform/quantity";
import type { KarpenterPoolSpec } from "./spec";

/**
 * How much of a node a pod may request, and what the application layers ask of each pool at baseline and
 * at peak against the pool's limits. Karpenter's limits count the nodes' capacity; the layers' requests
 * fitting under them is necessary (not sufficient: nodes are never packed full), which is what the checks
 * hold a stack to; `strata check` shows the headroom.
 */

const GIB = 2 ** 30;
const MIB = 2 ** 20;

/**
 * What Strata's own DaemonSets take on every node (VPC CNI, kube-proxy, the EBS CSI node plugin, the Istio CNI
 * agent, the node exporter), an upper estimate of their requests.
 */
export const NODE_DAEMONSET_REQUESTS = { cpu: 0.3, memory: 512 * MIB } as const;
/** Karpenter's assumptions (its defaults): VM overhead 7.5 % of memory, eviction threshold 100Mi, 110 pods for kube-reserved. */
const VM_MEMORY_OVERHEAD = 0.075;
const EVICTION_HARD_MEMORY = 100 * MIB;
const MAX_PODS = 110;

/** The kubelet's reserved CPU, by Karpenter's (and EKS's) formula: 6 % of the first core, 1 % of the second, 0.5 % of the next two, 0.25 % above. */
function kubeReservedCpu(vcpus: number): number {
  const steps: [number, number][] = [[1, 0.06], [1, 0.01], [2, 0.005], [Infinity, 0.0025]];
  let left = vcpus;
  let reserved = 0;
  for (const [cores, share] of steps) {
    const taken = Math.min(left, cores);
    reserved += taken * share;
    left -= taken;
  }
  return reserved;
}

export interface Allocatable {
  /** Cores. */
  cpu: number;
  /** Bytes; absent where the shape's memory is unknown. */
  memory?: number;
  gpus: number;
}

/** What pods may request on a node of this shape, after the kubelet's reserve, eviction threshold and Strata's DaemonSets. */
export function allocatable(shape: InstanceShape): Allocatable {
  const memory = shape.memoryGiB === undefined ? undefined : shape.memoryGiB * GIB * (1 - VM_MEMORY_OVERHEAD) - (11 * MAX_PODS + 255) * MIB - EVICTION_HARD_MEMORY - NODE_DAEMONSET_REQUESTS.memory;
  return { cpu: shape.vcpus - kubeReservedCpu(shape.vcpus) - NODE_DAEMONSET_REQUESTS.cpu, ...(memory !== undefined ? { memory } : {}), gpus: shape.gpus };
}

/** Whether one pod (its requests, sidecar included) fits a node of this shape. */
export function podFits(pod: Omit<Requests, "pods">, shape: InstanceShape): boolean {
  const room = allocatable(shape);
  return room.cpu >= pod.cpu && (room.memory === undefined || room.memory >= pod.memory) && room.gpus >= pod.gpus;
}

/** The pool's instance types a pod fits, smallest (fewest vCPUs, then least memory) first. */
export function fittingShapes(pool: Pick<KarpenterPoolSpec, "instances">, pod: Omit<Requests, "pods">): InstanceShape[] {
  return selectedShapes(pool.instances)
    .filter((s) => podFits(pod, s))
    .sort((a, b) => a.vcpus - b.vcpus || (a.memoryGiB ?? 0) - (b.memoryGiB ?? 0));
}

export interface PoolLimits {
  cpu: number;
  memory: number;
  nodes?: number;
  gpus?: number;
}

export function poolLimits(pool: KarpenterPoolSpec): PoolLimits {
  return { cpu: parseQuantity(pool.limits.cpu), memory: parseQuantity(pool.limits.memory), ...(pool.limits.nodes !== undefined ? { nodes: pool.limits.nodes } : {}), ...(pool.limits.gpus !== undefined ? { gpus: pool.limits.gpus } : {}) };
}

/** A layer with `antiAffinity: required` takes a node per pod: at its peak, that many of the smallest nodes it fits. */
export interface WholeNodeDemand {
  layer: string;
  pods: number;
  /** The smallest node one pod fits (undefined: none fits; the pod-size check says so). */
  node?: InstanceShape;
}

export interface PoolDemand {
  pool: KarpenterPoolSpec["pool"];
  limits: PoolLimits;
  baseline: Requests;
  peak: Requests;
  /** Each layer's peak, for messages. */
  layers: { layer: string; peak: Requests; autoscaled: boolean }[];
  wholeNodes: WholeNodeDemand[];
}

/** The application layers' demand on one pool (tenant copies included, each with its sizes). */
export function poolDemand(pool: KarpenterPoolSpec, layers: ApplicationLayerSpec[]): PoolDemand {
  const own = layers.filter((l) => l.capacityClass === pool.pool);
  const demand = own.map((l) => ({ spec: l, demand: layerDemand(l) }));
  return {
    pool: pool.pool,
    limits: poolLimits(pool),
    baseline: sumRequests(demand.map((d) => d.demand.baseline)),
    peak: sumRequests(demand.map((d) => d.demand.peak)),
    layers: demand.map((d) => ({ layer: d.spec.name, peak: d.demand.peak, autoscaled: d.spec.autoscaling !== undefined })),
    wholeNodes: demand
      .filter((d) => d.spec.antiAffinity === "required")
      .map((d) => ({ layer: d.spec.name, pods: d.demand.peak.pods, node: fittingShapes(pool, d.demand.pod)[0] })),
  };
}

export function formatCores(cores: number): string {
  return `${Number(cores.toFixed(2))} vCPU`;
}

export function formatGiB(bytes: number): string {
  return `${Number((bytes / GIB).toFixed(2))} GiB`;
}
