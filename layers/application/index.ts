import type { ApplicationLayerSpec, PlatformSpec } from "../../config/spec";
import { layerLabels } from "../../platform/labels";
import { restrictedNamespace } from "../common/namespace";
import type { KubernetesObject } from "../kubernetes-object";
import { horizontalPodAutoscaler } from "./autoscaling";
import { podDisruptionBudget } from "./disruption";
import { applicationLayerNames } from "./names";
import { applicationNetworkPolicies } from "./network-policies";
import { limitRange, resourceQuota } from "./quota";
import { service } from "./service";
import { deployment, serviceAccount } from "./workload";

export { applicationLayerNames, serviceHost, servingPorts, metricsPort } from "./names";
export { allowPolicyName, callersOf } from "./network-policies";

/**
 * The desired state of one application layer: every Kubernetes object it consists of, as plain data.
 * Pure: the same spec always gives the same objects, in the same order. The Pulumi component registers
 * them; the renderer writes them.
 */
export function applicationLayerObjects(layer: ApplicationLayerSpec, platform: PlatformSpec): KubernetesObject[] {
  const objects = [
    restrictedNamespace(applicationLayerNames(layer).namespace, layerLabels(layer.name)),
    serviceAccount(layer),
    resourceQuota(layer),
    limitRange(layer),
    ...applicationNetworkPolicies(layer, platform.layers),
    deployment(layer, platform.placement),
    service(layer),
    ...horizontalPodAutoscaler(layer),
    podDisruptionBudget(layer),
  ];
  // Copies, so that nothing done to an object later can reach back into the spec.
  return structuredClone(objects) as KubernetesObject[];
}
