import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { BucketPurpose } from "../../../platform/buckets";
import type { NodePool } from "../../../platform/placement";
import type { OidcProviderRef } from "../../../components/irsa";

/** What the cluster reports, in either mode (the stack's `cluster` output; see stack/outputs.ts). */
export interface EksClusterOutputs {
  mode: "eks";
  /** The EKS cluster's name. */
  name: string;
  /** The Kubernetes API endpoint (private only in prod unless configured otherwise). */
  endpoint: string;
  /** ARN of the cluster's IAM OIDC provider: what IRSA roles trust. */
  oidcProviderArn: string;
  /** The cluster's OIDC issuer URL. */
  oidcProviderUrl: string;
  vpcId: string;
  /** One per zone, in zone order. */
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  /** Managed node group names by pool (the stateful pool has one per zone; gpu only when configured). */
  nodeGroupNames: Partial<Record<NodePool, string[]>>;
  /** Bucket names by purpose. */
  buckets: Record<BucketPurpose, string>;
}

export interface ExistingClusterOutputs {
  mode: "existing";
  /** The configured cluster name. */
  name: string;
  /** The configured IAM OIDC provider. */
  oidcProviderArn: string;
  oidcProviderUrl: string;
  /** The configured bucket names by purpose. */
  buckets: Record<BucketPurpose, string>;
}

export type ClusterOutputs = EksClusterOutputs | ExistingClusterOutputs;

/**
 * The cluster as the other layers see it, whichever mode made it: where to create Kubernetes objects,
 * what IRSA roles trust, where the buckets are, and what a pool's pods wait for.
 */
export interface ClusterLayer extends pulumi.ComponentResource {
  readonly mode: "eks" | "existing";
  /** The provider every Kubernetes layer is created with. */
  readonly kubernetesProvider: k8s.Provider;
  /** The kubeconfig (secret); absent for an existing cluster reached through a context of the ambient kubeconfig. */
  readonly kubeconfig?: pulumi.Output<string>;
  /** For IrsaRole. */
  readonly oidcProvider: OidcProviderRef;
  /** Bucket names by purpose. */
  readonly bucketNames: Record<BucketPurpose, pulumi.Output<string>>;
  /** The cluster's outputs (none of them secret). */
  readonly outputs: pulumi.Output<ClusterOutputs>;
  /** What pods of a pool need before they can start: the pool's node groups (nothing for an existing cluster). */
  nodeGroupsOf(pool: NodePool): pulumi.Resource[];
}
