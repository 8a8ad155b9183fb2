import type { EksClusterSpec } from "./spec";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { defaultStorageClass } from "./storage-class";

export { ENDPOINT_PORT, endpointServiceName, interfaceEndpointServices, type InterfaceEndpointService } from "./endpoints";
export { clusterAddons, addonNames, type AddonName, type AddonPlan } from "./addons";
export * from "../../manifests/aws-iam";
export { eksKubeconfig, type KubeconfigInputs } from "./kubeconfig";
export * from "./node-groups";
export { DEFAULT_STORAGE_CLASS, DEFAULT_STORAGE_CLASS_ANNOTATION, EBS_CSI_PROVISIONER, defaultStorageClass } from "./storage-class";
export { loadBalancerSubnetTags, MAX_ZONES, subnetLayout, VPC_PREFIX_RANGE, type SubnetLayout } from "./subnets";

/**
 * The Kubernetes objects of a Strata-created cluster: today the default StorageClass. Pure, like every
 * layer's desired state; the Cluster component registers exactly these.
 */
export function clusterKubernetesObjects(spec: EksClusterSpec): KubernetesObject[] {
  return structuredClone([defaultStorageClass(spec)]) as unknown as KubernetesObject[];
}
