import { defineCapability } from "../capability";
import { clusterIssues } from "./checks";
import type { ClusterLayer } from "./component";
import { clusterKubernetesObjects } from "./desired-state";
import { clusterProfileDefaults } from "./defaults";
import { defaultClusterName, resolveClusterSpec } from "./resolve";
import { clusterSchema } from "./schema";
import type { ClusterSpec } from "./spec";

export { clusterMode } from "./checks";
export { clusterProfileDefaults } from "./defaults";
export { DEFAULT_STORAGE_CLASS } from "./storage-class";
export { vpcNameTag } from "./subnets";
export { defaultClusterName } from "./resolve";
export type * from "./spec";
export { hasPool } from "./spec";
export { KARPENTER_DISCOVERY_TAG, karpenterInterruptionQueueName, karpenterNodeInstanceProfileName } from "./karpenter-nodes";
export { autoscalingMode } from "./checks";
export type { ClusterLayer, ClusterOutputs, EksClusterOutputs, ExistingClusterOutputs } from "./component";
export type { Cluster, ExistingCluster, EksCluster, KarpenterNodes, Network, NodeGroups, ClusterArgs, ExistingClusterArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const clusterComponents = (): typeof import("./component") => require("./component");

/** The cluster's name: the config's, else derived from the project and the stack. */
export function clusterNameOf(spec: ClusterSpec, project: string, stack: string): string {
  return spec.name ?? defaultClusterName(project, stack);
}

/**
 * The cluster every other capability runs on: on EKS (a VPC over three zones, the control plane, managed
 * node groups per capacity class, IRSA, add-ons, encrypted buckets and the default StorageClass) or an
 * existing one. Its component gives every Kubernetes capability its provider, what a pool's pods wait for
 * (its node groups), the OIDC provider IRSA roles trust, and the buckets.
 */
export const cluster = defineCapability({
  name: "cluster",
  summary: "the Kubernetes cluster: EKS with a VPC, node groups per capacity class, IRSA, KMS and hardened buckets, or an existing cluster",
  config: { key: "cluster", schema: clusterSchema },
  defaults: clusterProfileDefaults,
  needs: [],
  namespaces: [],
  charts: [],
  images: [],
  crdGroups: [],
  checks: clusterIssues,
  resolve: ({ input, profile }): ClusterSpec => resolveClusterSpec(input, profile),
  desiredState: (spec) => (spec.mode === "eks" ? [{ name: "cluster", helmCharts: [], objects: clusterKubernetesObjects(spec) }] : []),
  deploy(spec, context): ClusterLayer {
    const parent = { parent: context.parent };
    if (spec.mode === "existing") return new (clusterComponents().ExistingCluster)("cluster", { spec }, parent);
    if (!context.awsProvider) throw new Error("an EKS cluster needs an AWS provider (DeployContext.awsProvider)");
    return new (clusterComponents().Cluster)("cluster", { spec, clusterName: context.identity.cluster, awsProvider: context.awsProvider }, parent);
  },
  // A pod waits for the node groups of its pool.
  layerPodsWaitFor: (handle, layer) => handle.nodeGroupsOf(layer.capacityClass),
  outputs: (handle) => ({ cluster: handle.outputs, ...(handle.kubeconfig ? { kubeconfig: handle.kubeconfig } : {}) }),
});
