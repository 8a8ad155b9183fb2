import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExistingClusterSpec } from "../spec";
import { bucketPurposes, type BucketPurpose } from "../../../platform/buckets";
import type { OidcProviderRef } from "../../../components/irsa";
import { clusterKubernetesProvider } from "./kubeconfig";
import type { ClusterLayer, ClusterOutputs } from "./layer";

export interface ExistingClusterArgs {
  /** The resolved `strata:cluster` config of an existing cluster (mode `existing`): its name, kubeconfig, roles and buckets. */
  spec: ExistingClusterSpec;
}

/**
 * A cluster the team already runs: Strata creates no AWS resource at all, only the Kubernetes provider
 * for it (from the configured kubeconfig, as a secret, and/or context), and reports the configured OIDC
 * provider and bucket names for the layers that need them. The cluster is expected to run the EBS CSI
 * driver and a default StorageClass, and to enforce NetworkPolicies.
 */
export class ExistingCluster extends pulumi.ComponentResource implements ClusterLayer {
  static readonly type = "strata:cluster:ExistingCluster";

  readonly mode = "existing" as const;
  readonly kubernetesProvider: k8s.Provider;
  readonly kubeconfig?: pulumi.Output<string>;
  readonly oidcProvider: OidcProviderRef;
  readonly bucketNames: Record<BucketPurpose, pulumi.Output<string>>;
  readonly outputs: pulumi.Output<ClusterOutputs>;

  constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ExistingCluster.type, name, {}, opts);
    const spec = args.spec;
    this.kubeconfig = spec.kubeconfig !== undefined ? pulumi.secret(spec.kubeconfig) : undefined;
    this.kubernetesProvider = clusterKubernetesProvider({ kubeconfig: this.kubeconfig, context: spec.context }, { parent: this });
    this.oidcProvider = { arn: pulumi.output(spec.oidcProvider.arn), url: pulumi.output(spec.oidcProvider.url) };
    this.bucketNames = Object.fromEntries(bucketPurposes.map((p) => [p, pulumi.output(spec.buckets[p])])) as Record<BucketPurpose, pulumi.Output<string>>;
    this.outputs = pulumi.output({
      mode: "existing" as const,
      name: spec.name,
      oidcProviderArn: spec.oidcProvider.arn,
      oidcProviderUrl: spec.oidcProvider.url,
      buckets: { ...spec.buckets },
    });
    this.registerOutputs({});
  }

  nodeGroupsOf(): pulumi.Resource[] {
    return [];
  }
}
