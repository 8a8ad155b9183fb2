import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";

/** Velero's resolved config. */

export interface BackupScheduleSpec {
  name: string;
  schedule: string;
  ttl: string;
  /** Absent: every namespace. */
  includedNamespaces?: string[];
  snapshotVolumes: boolean;
}

export interface BackupSpec {
  schedules: BackupScheduleSpec[];
  nodeAgent: boolean;
  /** The bucket's region; absent: the AWS provider's region (EKS mode). */
  region?: string;
  /** The role Velero assumes, when given in config (existing mode); Strata makes one otherwise. */
  roleArn?: string;
}

/** What Velero's desired state reads: the core, the cluster's network, its own spec. */
export type BackupPlatform = CoreSpec & { cluster: ClusterSpec; backup: BackupSpec };
