import type { ApplicationLayerSpec, PlatformSpec } from "../../config/layers/spec";
import { meshInjectionLabels } from "../../platform/istio";
import { restrictedNamespace } from "../../manifests/namespace";
import { layerMeshObjects } from "../mesh/layer-policies";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { horizontalPodAutoscaler } from "./autoscaling";
import { podDisruptionBudget } from "./disruption";
import { secretEnvExternalSecrets } from "./external-secrets";
import { applicationLayerLabels, applicationLayerNames } from "./names";
import { applicationNetworkPolicies } from "./network-policies";
import { limitRange, resourceQuota } from "./quota";
import { service } from "./service";
import { deployment, serviceAccount } from "./workload";

export { applicationLayerLabels, applicationLayerNames, serviceHost, servingPorts, metricsPort } from "./names";
export { allowPolicyName, callersOf, inboundCallers, type InboundCaller } from "./callers";

/**
 * The desired state of one application layer: every Kubernetes object it consists of, as plain data.
 * Pure: the same spec always gives the same objects, in the same order. The Pulumi component registers
 * them; the renderer writes them. `remoteKeyPrefix` (`remoteKeyPrefix()` of the stack) names the remote keys
 * of the layer's ExternalSecrets, which it has with `secrets.externalSecrets` only.
 */
export function applicationLayerObjects(layer: ApplicationLayerSpec, platform: PlatformSpec, remoteKeyPrefix: string): KubernetesObject[] {
  const objects = [
    restrictedNamespace(applicationLayerNames(layer).namespace, { ...applicationLayerLabels(layer), ...meshInjectionLabels() }),
    serviceAccount(layer),
    resourceQuota(layer),
    limitRange(layer),
    ...applicationNetworkPolicies(layer, platform),
    // Before the Deployment: its pods read these Secrets.
    ...secretEnvExternalSecrets(layer, platform, remoteKeyPrefix),
    deployment(layer, platform.placement),
    service(layer),
    ...horizontalPodAutoscaler(layer),
    podDisruptionBudget(layer),
    // The mesh's authorization, egress scope and traffic policy: the layer's isolation in the mesh.
    ...layerMeshObjects(layer, platform),
  ];
  // Copies, so that nothing done to an object later can reach back into the spec.
  return structuredClone(objects) as KubernetesObject[];
}
