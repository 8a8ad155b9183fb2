import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { containerCredentials } from "../credentials";
import { meshInjectionLabels } from "../../platform/istio";
import { restrictedNamespace } from "../../manifests/namespace";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { horizontalPodAutoscaler } from "./autoscaling";
import { podDisruptionBudget } from "./disruption";
import { secretEnvExternalSecrets } from "./external-secrets";
import { applicationLayerLabels, applicationLayerNames } from "../../manifests/layer-names";
import { applicationNetworkPolicies } from "./network-policies";
import { limitRange, resourceQuota } from "./quota";
import { service } from "./service";
import type { ApplicationLayersPlatform } from "./spec";
import { deployment, serviceAccount } from "./workload";

export { applicationLayerLabels, applicationLayerNames, serviceHost, servingPorts, metricsPort } from "../../manifests/layer-names";
export { allowPolicyName, callersOf, inboundCallers, type InboundCaller } from "../../manifests/layer-callers";

/**
 * The desired state of one application layer: every Kubernetes object it consists of, as plain data.
 * Pure: the same spec always gives the same objects, in the same order. The Pulumi component registers
 * them; the renderer writes them. `remoteKeyPrefix` (`remoteKeyPrefix()` of the stack) names the remote keys
 * of the layer's ExternalSecrets, which it has with `secrets.externalSecrets` only.
 */
export function applicationLayerObjects(layer: ApplicationLayerSpec, platform: ApplicationLayersPlatform, remoteKeyPrefix: string, contributed: KubernetesObject[]): KubernetesObject[] {
  const objects = [
    restrictedNamespace(applicationLayerNames(layer).namespace, { ...applicationLayerLabels(layer), ...meshInjectionLabels() }),
    serviceAccount(layer),
    resourceQuota(layer),
    limitRange(layer),
    ...applicationNetworkPolicies(layer, platform),
    // Before the Deployment: its pods read these Secrets.
    ...secretEnvExternalSecrets(layer, platform, remoteKeyPrefix),
    deployment(layer, platform.placement, containerCredentials(layer, platform.credentials)),
    service(layer),
    ...horizontalPodAutoscaler(layer),
    podDisruptionBudget(layer),
    // What capabilities add to the layer's namespace (the mesh: its authorization, egress scope and traffic policy).
    ...contributed,
  ];
  // Copies, so that nothing done to an object later can reach back into the spec.
  return structuredClone(objects) as KubernetesObject[];
}
