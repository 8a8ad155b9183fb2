import { z } from "zod";
import { awsRegionName, cronExpression, dnsLabel, goDuration, iamRoleArn } from "../../config/primitives";

/** The `backup` section: Velero. Every key is optional; defaults in defaults.ts. */

export const backupScheduleSchema = z
  .object({
    name: dnsLabel.max(40, { message: "must be at most 40 characters" }),
    /** When (cron, UTC). */
    schedule: cronExpression,
    /** How long each backup is kept (a Go duration: "168h", "720h0m0s"). */
    ttl: goDuration,
    /** Namespaces to back up (a per-tenant layer's name: every tenant's copy); default: every namespace. */
    includedNamespaces: z.array(dnsLabel).min(1).optional(),
    /** Take EBS snapshots of the volumes (default true). */
    snapshotVolumes: z.boolean().optional(),
  })
  .strict();

export const backupSchema = z
  .object({
    /** A list given here replaces the default schedules. */
    schedules: z.array(backupScheduleSchema).min(1).optional(),
    /**
     * Velero's node agent for file-system backups of volumes snapshots cannot take: a privileged DaemonSet,
     * so the velero namespace becomes an explicit exemption from the restricted profile. Default false.
     */
    nodeAgent: z.boolean().optional(),
    /** The bucket's region; default: the stack's AWS region. */
    region: awsRegionName.optional(),
    /** Existing-cluster mode: the IAM role Velero assumes (Strata creates none there). */
    roleArn: iamRoleArn.optional(),
  })
  .strict();

export type BackupInput = z.input<typeof backupSchema>;
