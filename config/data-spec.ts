import type { PostgresVersion } from "../platform/pins";

/** Resolved, fully specified config of the data layers: what their desired-state functions take. */

export interface DataResourcesSpec {
  requests: { cpu: string; memory: string };
  limits: { cpu?: string; memory: string };
}

export interface VolumeSpec {
  size: string;
  /** Absent: the cluster's default StorageClass. */
  storageClass?: string;
}

export interface KafkaPoolSpec {
  replicas: number;
  storage: VolumeSpec;
  resources: DataResourcesSpec;
}

export interface KafkaTopicSpec {
  name: string;
  partitions: number;
  replicas: number;
  /** Topic-level Kafka config (retention.ms, compression.type, ...). */
  config: Record<string, string | number | boolean>;
}

export interface KafkaSpec {
  controllers: KafkaPoolSpec;
  brokers: KafkaPoolSpec;
  replicationFactor: number;
  minInSyncReplicas: number;
  /** Delete the volumes with the cluster (dev) or keep them (prod). */
  deleteClaims: boolean;
  topics: KafkaTopicSpec[];
}

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

export interface RedisSpec {
  leaders: number;
  followers: number;
  appendOnly: boolean;
  storage: VolumeSpec;
  resources: DataResourcesSpec;
  image: string;
  exporterImage: string;
}
