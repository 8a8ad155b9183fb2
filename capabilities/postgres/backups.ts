import type { PostgresSpec } from "./spec";
import type { CloudValueSource } from "../../platform/cloud-values";
import type { PolicyDocument } from "../../manifests/aws-iam";

/** Where pgBackRest's repositories are: filled in by the component (outputs) or the renderer (strings). */
export interface BackupTargets<V = string> {
  /** The IAM role pgBackRest assumes through web identity (IRSA). */
  roleArn: V;
  /** Per repository of the spec, in order: bucket, region and S3 endpoint. */
  repositories: { bucket: V; region: V; endpoint: V }[];
}

/** The regional S3 endpoint pgBackRest talks to. */
export function s3Endpoint(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/** pgBackRest's IRSA role, by the name `gitops.roleArns` knows it. */
export const PGBACKREST_ROLE = "pgbackrest";

/**
 * The backup targets as a render knows them, from `cloud`: the role named in config (existing cluster) or
 * the one Strata makes; the first repository in the cluster's postgres bucket, a second one in the bucket
 * config names or the one Strata makes (its name comes from a prefix); each repository's region, else the
 * stack's. The component takes the same values from its resources' outputs.
 */
export function backupTargetsFrom(spec: PostgresSpec, cloud: CloudValueSource): BackupTargets<string> {
  return {
    roleArn: spec.backups.roleArn ?? cloud.roleArn(PGBACKREST_ROLE),
    repositories: spec.backups.repositories.map((repo, i) => {
      const region = repo.region ?? cloud.region();
      const bucket =
        repo.bucket ??
        (i === 0
          ? cloud.bucketName("postgres")
          : cloud.generatedName(`bucket_postgres_${repo.name}`, `name of the bucket of Postgres backup repository ${repo.name} (stack output postgres.backups.repositories)`, "postgres.backups.secondRepository.bucket"));
      return { bucket, region, endpoint: s3Endpoint(region) };
    }),
  };
}

/** The annotation EKS's pod identity webhook reads to give a service account's pods a role. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * The `backups.pgbackrest` section: S3 repositories reached through web identity (no static keys), each
 * with its schedules and time-based retention of full backups. WAL archiving is continuous (PGO always
 * archives to every repository).
 */
export function pgBackRestSection<V>(spec: PostgresSpec, targets: BackupTargets<V>, jobPlacement: Record<string, unknown>, sidecars: Record<string, unknown>) {
  const global: Record<string, string> = {};
  spec.backups.repositories.forEach((repo) => {
    global[`${repo.name}-path`] = `/pgbackrest/${repo.name}`;
    global[`${repo.name}-s3-key-type`] = "web-id";
    global[`${repo.name}-retention-full-type`] = "time";
    global[`${repo.name}-retention-full`] = String(repo.retentionDays);
  });
  return {
    pgbackrest: {
      global,
      repos: spec.backups.repositories.map((repo, i) => ({
        name: repo.name,
        s3: { bucket: targets.repositories[i].bucket, region: targets.repositories[i].region, endpoint: targets.repositories[i].endpoint },
        ...(Object.keys(repo.schedules).length ? { schedules: repo.schedules } : {}),
      })),
      jobs: { ...jobPlacement, resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } } },
      repoHost: jobPlacement,
      sidecars,
    },
  };
}

/**
 * What pgBackRest may do in AWS: list, read, write and delete objects of its buckets, and use their KMS keys
 * through S3 only, for those buckets only (the encryption context S3 sets with a bucket key is the bucket's ARN).
 */
export function pgBackRestPolicy(bucketArns: string[], regions: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ListRepositories", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucketArns },
      { Sid: "ReadWriteRepositories", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: bucketArns.map((a) => `${a}/*`) },
      {
        Sid: "UseBucketKeysThroughS3",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:ViaService": [...new Set(regions)].map(s3Endpoint) },
          StringLike: { "kms:EncryptionContext:aws:s3:arn": bucketArns },
        },
      },
    ],
  };
}
