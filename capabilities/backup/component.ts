import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { BackupPlatform } from "./spec";
import { backupDesiredState, BACKUP_NAMESPACE, VELERO_SERVICE_ACCOUNT, veleroPolicy } from "./desired-state";
import { bucketArn, partitionOf } from "../../manifests/aws-iam";
import type { ClusterLayer } from "../cluster";
import { IrsaRole } from "../../components/irsa";
import { bucketRegion } from "../../components/bucket-region";
import { helmRelease } from "../../components/helm-release";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";

export interface BackupArgs {
  /** The resolved stack config, as much of it as Velero reads: the cluster and `strata:backup`. */
  platform: BackupPlatform;
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for Velero's role and its backup bucket. */
  cluster: ClusterLayer;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): Velero's IRSA role is created with it. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** What Velero's pods need first: the system pool's node groups. @default `[]` (nothing to wait for) */
  workloadDependsOn?: pulumi.Resource[];
}

/**
 * Velero, from `backupDesiredState`: the cluster's backups bucket (the bucket helper's; existing mode: the
 * configured one), an IRSA role for the velero service account (EKS mode; existing mode: the configured
 * role), the release, then the storage and snapshot locations and the schedules (they need the release only).
 */
export class Backup extends pulumi.ComponentResource {
  static readonly type = "strata:backup:Backup";

  readonly roleArn: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Backup.type, name, {}, opts);
    const spec = args.platform.backup;
    const bucket = args.cluster.bucketNames.backups;
    const region = bucketRegion(spec.region, args.awsProvider, this);
    let role: IrsaRole | undefined;
    if (spec.roleArn) this.roleArn = pulumi.output(spec.roleArn);
    else {
      if (!args.awsProvider) throw new Error("Velero's role: an existing cluster names it in config (backup.roleArn)");
      const partition = pulumi.output(args.cluster.oidcProvider.arn).apply(partitionOf);
      role = new IrsaRole(
        `${name}-velero`,
        {
          oidcProvider: args.cluster.oidcProvider,
          serviceAccount: { namespace: BACKUP_NAMESPACE, name: VELERO_SERVICE_ACCOUNT },
          policy: pulumi.all([partition, bucket, region]).apply(([p, b, r]) => veleroPolicy(bucketArn(p, b), r)),
          provider: args.awsProvider,
        },
        { parent: this },
      );
      this.roleArn = role.arn;
    }
    const plan = backupDesiredState(args.platform, { bucket, region, roleArn: this.roleArn });
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(`${name}-velero`, plan.chart, {
      ...base,
      dependsOn: [...prerequisites.values(), ...(role ? [role] : []), ...(args.workloadDependsOn ?? [])],
    });
    registerKubernetesObjects(plan.customResources, { ...base, customResourceDependsOn: [this.release] });
    this.bucketName = bucket;
    this.registerOutputs({ roleArn: this.roleArn, bucketName: this.bucketName });
  }
}
