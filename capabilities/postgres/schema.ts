import { z } from "zod";
import { postgresVersions } from "./pins";
import { bucketName } from "../../config/primitives";
import { awsRegion, cronSchedule, dataResourcesSchema, storageClassName, storageSize } from "../../config/data-shapes";
import { dnsLabel } from "../../config/primitives";

/**
 * The stack-config shape of the Postgres layer (`strata:postgres`): a PGO PostgresCluster with instance
 * sets, pgBouncer, pgBackRest backups to S3 and extensions. Defaults in defaults.ts and resolve.ts, cross-key rules
 * (prod sizes, synchronous replication needs a replica, existing-mode backup role) in checks.ts.
 */

const backupSchedulesSchema = z
  .object({
    full: cronSchedule.optional(),
    differential: cronSchedule.optional(),
    incremental: cronSchedule.optional(),
  })
  .strict()
  // Given schedules replace the defaults: none at all would mean no scheduled backups.
  .refine((s) => Object.keys(s).length > 0, { message: "name at least one of full, differential and incremental (given schedules replace the defaults)" });

export const iamRoleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, {
  message: "must be the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/pgbackrest",
});

/** A Postgres extension name as CREATE EXTENSION takes it unquoted. */
export const extensionName = z.string().regex(/^[a-z_][a-z0-9_]*$/, { message: "must be an extension name such as vector or pg_stat_statements" });

export const postgresSchema = z
  .object({
    /** Deploy Postgres; default: when some layer declares `dataServices.postgres`. */
    enabled: z.boolean().optional(),
    /** Postgres major version; default the newest PGO runs. */
    version: z
      .int()
      .refine((v) => (postgresVersions as readonly number[]).includes(v), { message: `must be one of ${postgresVersions.join(", ")}` })
      .optional(),
    /** Instance sets (each a StatefulSet per replica); default one set with the profile's replicas. */
    instances: z
      .array(
        z
          .object({
            name: dnsLabel.max(20, { message: "must be at most 20 characters (PGO prefixes pod names with it)" }),
            replicas: z.int32().min(1).max(9),
            storageSize: storageSize.optional(),
            resources: dataResourcesSchema.optional(),
          })
          .strict(),
      )
      .min(1, { message: "needs at least one instance set" })
      .optional(),
    storageClass: storageClassName.optional(),
    /** Synchronous replication (Patroni synchronous mode); default prod on, dev off. */
    synchronousReplication: z.boolean().optional(),
    pgBouncer: z.object({ replicas: z.int32().min(1).max(20).optional(), resources: dataResourcesSchema.optional() }).strict().optional(),
    /** Extensions created in every layer's database (e.g. `vector`, pgvector). */
    extensions: z.array(extensionName).optional(),
    backups: z
      .object({
        /** pgBackRest schedules of the first repository (cron). */
        schedules: backupSchedulesSchema.optional(),
        /** Days full backups (and the WAL to restore them) are kept in the first repository. */
        retentionDays: z.int32().min(1).max(3650).optional(),
        /** Existing-cluster mode: the IAM role pgBackRest assumes (web identity); Strata makes one in EKS mode. */
        roleArn: iamRoleArn.optional(),
        /** The first repository's region; default the stack's `aws:region`. */
        region: awsRegion.optional(),
        /** A second repository, e.g. long-term copies in another region (seed 004). */
        secondRepository: z
          .object({
            /** Its region; default the stack's. */
            region: awsRegion.optional(),
            /** An existing bucket; in EKS mode Strata creates a hardened bucket when none is named. */
            bucket: bucketName.optional(),
            schedules: backupSchedulesSchema.optional(),
            retentionDays: z.int32().min(1).max(3650).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PostgresInput = z.input<typeof postgresSchema>;
export type PostgresConfig = z.output<typeof postgresSchema>;
