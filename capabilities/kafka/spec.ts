import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { DataResourcesSpec, VolumeSpec } from "../../config/data-shapes";

/** Kafka's resolved config: what its desired state takes. */

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

/** What a data service's desired state reads besides its own spec: the core and the cluster's network. */
export type DataServicePlatform = CoreSpec & { cluster: ClusterSpec };
