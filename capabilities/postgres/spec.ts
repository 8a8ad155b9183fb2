import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { DataResourcesSpec, VolumeSpec } from "../../config/data-shapes";
import type { PostgresVersion } from "./pins";

/** Postgres's resolved config: what its desired state takes. */

export interface BackupSchedulesSpec {
  full?: string;
  differential?: string;
  incremental?: string;
}

export interface BackupRepositorySpec {
  /** pgBackRest's name for it: repo1, repo2. */
  name: string;
  schedules: BackupSchedulesSpec;
  retentionDays: number;
  /** The region; undefined: the stack's AWS region (known only to the AWS provider). */
  region?: string;
  /** An existing bucket; undefined: the cluster's postgres bucket (repo1) or one Strata creates (repo2). */
  bucket?: string;
}

export interface PostgresInstanceSetSpec {
  name: string;
  replicas: number;
  storage: VolumeSpec;
  resources: DataResourcesSpec;
}

export interface PostgresSpec {
  version: PostgresVersion;
  instances: PostgresInstanceSetSpec[];
  synchronousReplication: boolean;
  pgBouncer: { replicas: number; resources: DataResourcesSpec };
  extensions: string[];
  backups: {
    repositories: BackupRepositorySpec[];
    /** The role pgBackRest assumes, when given in config (existing mode); Strata makes one otherwise. */
    roleArn?: string;
  };
}

/** What a data service's desired state reads besides its own spec: the core and the cluster's network. */
export type DataServicePlatform = CoreSpec & { cluster: ClusterSpec };
