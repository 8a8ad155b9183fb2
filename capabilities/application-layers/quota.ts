import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { Named } from "../../manifests/kubernetes-object";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { NVIDIA_GPU_RESOURCE } from "../../platform/gpu";
import { applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

/**
 * The namespace's ResourceQuota: room for the layer at its peak (autoscaler maximum plus rolling-update
 * surge) and nothing more, GPUs included; no LoadBalancer or NodePort Services (only the gateway exposes anything).
 */
export function resourceQuota(layer: ApplicationLayerSpec): Named<IResourceQuota> {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: layerObjectMeta(layer, names.quota),
    spec: {
      hard: {
        pods: String(layer.quota.pods),
        "requests.cpu": layer.quota.requestsCpu,
        "requests.memory": layer.quota.requestsMemory,
        "limits.memory": layer.quota.limitsMemory,
        // Extended resources are quota'd by their requests only.
        ...(layer.quota.requestsGpus ? { [`requests.${NVIDIA_GPU_RESOURCE}`]: String(layer.quota.requestsGpus) } : {}),
        "services.loadbalancers": "0",
        "services.nodeports": "0",
      },
    },
  };
}

/** Defaults for containers that declare no resources (the quota requires memory limits on every pod). */
export function limitRange(layer: ApplicationLayerSpec): Named<ILimitRange> {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: layerObjectMeta(layer, names.limitRange),
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: layer.resources.requests.cpu, memory: layer.resources.requests.memory },
          default: { memory: layer.resources.limits.memory },
        },
      ],
    },
  };
}
