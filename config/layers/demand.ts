import { SIDECAR_RESOURCES } from "../../platform/istio";
import type { CapacityClass } from "../../platform/placement";
import { parseQuantity } from "../../platform/quantity";
import { peakPods } from "./quota";
import type { ApplicationLayerSpec } from "./spec";

/**
 * What an application layer asks of its pool's nodes, at its baseline (its replicas, the autoscaler's
 * minimum) and at its peak (the autoscaler's maximum plus a rolling update's surge): pods, and the CPU,
 * memory and GPUs they request, each pod with the mesh's sidecar. Node autoscaling sizes pools by it, the
 * spot share is measured on it.
 */

export interface Requests {
  pods: number;
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  gpus: number;
}

export interface LayerDemand {
  layer: string;
  capacityClass: CapacityClass;
  /** One pod's requests (sidecar included). */
  pod: Omit<Requests, "pods">;
  baseline: Requests;
  peak: Requests;
}

/** One pod's CPU (cores), memory (bytes) and GPUs, its sidecar's included. */
export function podRequests(layer: Pick<ApplicationLayerSpec, "resources" | "gpus">): Omit<Requests, "pods"> {
  return {
    cpu: parseQuantity(layer.resources.requests.cpu) + parseQuantity(SIDECAR_RESOURCES.requests.cpu),
    memory: parseQuantity(layer.resources.requests.memory) + parseQuantity(SIDECAR_RESOURCES.requests.memory),
    gpus: layer.gpus ?? 0,
  };
}

function times(pods: number, pod: Omit<Requests, "pods">): Requests {
  return { pods, cpu: pods * pod.cpu, memory: pods * pod.memory, gpus: pods * pod.gpus };
}

export function layerDemand(layer: ApplicationLayerSpec): LayerDemand {
  const pod = podRequests(layer);
  return {
    layer: layer.name,
    capacityClass: layer.capacityClass,
    pod,
    baseline: times(layer.replicas, pod),
    peak: times(peakPods(layer.autoscaling?.maxReplicas ?? layer.replicas, layer.maxSurgePercent), pod),
  };
}

export function sumRequests(requests: Requests[]): Requests {
  return requests.reduce((a, b) => ({ pods: a.pods + b.pods, cpu: a.cpu + b.cpu, memory: a.memory + b.memory, gpus: a.gpus + b.gpus }), { pods: 0, cpu: 0, memory: 0, gpus: 0 });
}

/** The share of the application layers' requested CPU that runs on spot, at baseline and at peak (undefined: no CPU requested). */
export function spotShare(layers: ApplicationLayerSpec[]): { baseline?: number; peak?: number } {
  const demand = layers.map(layerDemand);
  const share = (at: "baseline" | "peak") => {
    const total = sumRequests(demand.map((d) => d[at])).cpu;
    return total > 0 ? sumRequests(demand.filter((d) => d.capacityClass === "spot").map((d) => d[at])).cpu / total : undefined;
  };
  return { baseline: share("baseline"), peak: share("peak") };
}
