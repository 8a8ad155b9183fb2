import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clusterProfileDefaults } from "../cluster";
import type { BackupRepositorySpec, DataServicePlatform, PostgresSpec } from "./spec";
import { partitionOf } from "../../manifests/aws-iam";
import { usersOf } from "../../manifests/data/network-policies";
import {
  layerDatabase,
  pgBackRestPolicy,
  pgBackRestServiceAccounts,
  pgBouncerHost,
  POSTGRES_CLUSTER,
  POSTGRES_NAMESPACE,
  POSTGRES_PORT,
  postgresDesiredState,
  primaryHost,
  s3Endpoint,
  userSecretName,
  type BackupTargets,
} from "./desired-state";
import { HardenedBucket } from "../../components/hardened-bucket";
import { IrsaRole } from "../../components/irsa";
import type { ClusterLayer } from "../cluster";
import { registerDataLayer, registeredObject, type DataLayerArgs, type OutputFields } from "../../components/data-layer";

export interface PostgresLayerArgs extends DataLayerArgs<PostgresSpec, DataServicePlatform> {
  /** The cluster: its OIDC provider (for the pgBackRest role) and the postgres bucket. */
  cluster: ClusterLayer;
  /** The AWS provider (EKS mode): Strata makes pgBackRest's role and any second bucket with it. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** The stack's `aws:region`, when set. @default the region of the AWS provider */
  awsRegion?: string;
}

/** What applications need to reach Postgres (the stack's `postgres` output). */
export interface PostgresOutputs {
  namespace: string;
  /** The primary's Service. */
  primaryHost: string;
  /** pgBouncer's Service: what applications should connect to. */
  pgBouncerHost: string;
  port: number;
  /** Per layer that uses Postgres: its database and the Secret (in the postgres namespace) with its credentials and URIs. */
  users: Record<string, { database: string; secretName: string }>;
  /** pgBackRest's repositories and the role it uses. */
  backups: { roleArn: string; repositories: { name: string; bucket: string; region: string }[] };
}

/**
 * The Postgres layer: the PGO operator (Helm) and a PostgresCluster from `postgresDesiredState`, with its
 * backups in S3: the cluster's postgres bucket (made by the bucket helper), an optional second repository,
 * and an IRSA role that only PGO's service accounts in the postgres namespace can assume (EKS mode; an
 * existing cluster names its role in config).
 */
export class PostgresLayer extends pulumi.ComponentResource {
  static readonly type = "strata:data:Postgres";

  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  readonly release: pulumi.CustomResource;
  /** The `PostgresCluster` custom resource: what an application layer that depends on Postgres waits for. */
  readonly cluster: pulumi.CustomResource;
  readonly backupRole?: IrsaRole;
  /** The stack output, field by field (so that only the secret fields are secret). */
  readonly outputs: OutputFields<PostgresOutputs>;

  constructor(name: string, args: PostgresLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PostgresLayer.type, name, {}, opts);
    const stackRegion: pulumi.Output<string> = args.awsProvider
      ? aws.getRegionOutput({}, { parent: this, provider: args.awsProvider }).region
      : pulumi.output(args.awsRegion ?? "");
    const repositories = args.spec.backups.repositories.map((repo, i) => this.repository(name, repo, i, args, stackRegion));
    const targets: BackupTargets<pulumi.Output<string>> = {
      roleArn: pulumi.output(args.spec.backups.roleArn ?? ""),
      repositories: repositories.map((r) => ({ bucket: r.bucket, region: r.region, endpoint: r.region.apply(s3Endpoint) })),
    };
    if (args.awsProvider) {
      const [first, ...others] = pgBackRestServiceAccounts();
      const partition = pulumi.output(args.cluster.oidcProvider.arn).apply(partitionOf);
      const policy = pulumi
        .all([partition, pulumi.all(repositories.map((r) => r.bucket)), pulumi.all(repositories.map((r) => r.region))])
        .apply(([p, buckets, regions]) => pgBackRestPolicy(buckets.map((b) => `arn:${p}:s3:::${b}`), regions));
      this.backupRole = new IrsaRole(`${name}-pgbackrest`, { oidcProvider: args.cluster.oidcProvider, serviceAccount: first, additionalServiceAccounts: others, policy, provider: args.awsProvider }, { parent: this });
      targets.roleArn = this.backupRole.arn;
    }

    const registered = registerDataLayer(name, postgresDesiredState(args.spec, args.platform, targets), { ...args, parent: this });
    this.resources = registered.resources;
    this.release = registered.release;
    this.cluster = registeredObject(registered.resources, "PostgresCluster", POSTGRES_NAMESPACE, POSTGRES_CLUSTER);
    this.outputs = {
      namespace: POSTGRES_NAMESPACE,
      primaryHost: primaryHost(),
      pgBouncerHost: pgBouncerHost(),
      port: POSTGRES_PORT,
      users: Object.fromEntries(usersOf("postgres", args.platform.layers).map((l) => [l.name, { database: layerDatabase(l), secretName: userSecretName(l.name) }])),
      backups: pulumi.output({
        roleArn: targets.roleArn,
        repositories: repositories.map((r, i) => ({ name: args.spec.backups.repositories[i].name, bucket: r.bucket, region: r.region })),
      }),
    };
    this.registerOutputs(this.outputs);
  }

  /**
   * A repository's bucket and region: the first is the cluster's postgres bucket; a second names its bucket,
   * or (EKS mode) gets a hardened bucket of its own, in its region, encrypted with a key of that region.
   */
  private repository(name: string, repo: BackupRepositorySpec, index: number, args: PostgresLayerArgs, stackRegion: pulumi.Output<string>) {
    const region = repo.region ? pulumi.output(repo.region) : stackRegion;
    if (repo.bucket) return { bucket: pulumi.output(repo.bucket), region };
    if (index === 0) return { bucket: args.cluster.bucketNames.postgres, region };
    if (!args.awsProvider) throw new Error(`postgres backup repository ${repo.name} names no bucket, and an existing cluster gets none from Strata`);
    const provider = repo.region ? new aws.Provider(`${name}-${repo.name}`, { region: repo.region as aws.Region }, { parent: this }) : args.awsProvider;
    const key = new aws.kms.Key(`${name}-${repo.name}`, { description: `Encryption of the Postgres backup repository ${repo.name}`, enableKeyRotation: true, deletionWindowInDays: 30 }, { parent: this, provider });
    const defaults = clusterProfileDefaults[args.platform.profile];
    const bucket = new HardenedBucket(
      `${name}-${repo.name}`,
      { namePrefix: `strata-pg-${repo.name}-`, kmsKeyArn: key.arn, lifecycleRules: defaults.bucketLifecycleRules.postgres, forceDestroy: defaults.bucketForceDestroy, provider },
      { parent: this },
    );
    return { bucket: bucket.bucketName, region };
  }
}
