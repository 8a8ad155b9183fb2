import { DEFAULT_STORAGE_CLASS } from "../capabilities/cluster/storage-class";
import { dataServicesUsedBy, type DataServiceName } from "../platform/data-services";
import { DEFAULT_POSTGRES_VERSION, redisImages, type PostgresVersion } from "../platform/pins";
import { dataDefaults, dataProfileDefaults, seedTopics } from "./data-defaults";
import type { BackupRepositorySpec, KafkaSpec, KafkaTopicSpec, PostgresSpec, RedisSpec } from "./data-spec";
import type { KafkaConfig } from "../capabilities/kafka/schema";
import type { PostgresConfig } from "../capabilities/postgres/schema";
import type { Profile } from "./profiles";
import type { RedisConfig } from "../capabilities/redis/schema";
import type { ApplicationLayerSpec } from "./layers/spec";

/** Applies the data layers' defaults to validated config: undefined when the layer is not deployed. */

export interface DataResolveContext {
  profile: Profile;
  clusterMode: "eks" | "existing";
  layers: ApplicationLayerSpec[];
  /** The layers are the default set (which comes with seed 001's topics). */
  defaultLayers: boolean;
}

/** Whether a data layer is deployed: as configured, else when some layer uses it. */
export function dataServiceEnabled(service: DataServiceName, section: { enabled?: boolean } | undefined, layers: { dataServices: Partial<Record<DataServiceName, unknown>> }[]): boolean {
  return section?.enabled ?? dataServicesUsedBy(layers).includes(service);
}

/** Strata's encrypted gp3 class on an EKS cluster it made; the cluster's own default on an existing one. */
function storageClassOf(configured: string | undefined, context: DataResolveContext): string | undefined {
  return configured ?? (context.clusterMode === "eks" ? DEFAULT_STORAGE_CLASS : undefined);
}

/** The default replication factor for a broker count: 3 where there are 3 brokers, fewer below. */
export function defaultReplicationFactor(brokers: number): number {
  return Math.min(dataDefaults.kafka.maxReplicationFactor, brokers);
}

/** The default min ISR: one below the factor (a broker may be down while acks=all writes go on), at least 1. */
export function defaultMinInSyncReplicas(replicationFactor: number): number {
  return Math.max(1, replicationFactor - 1);
}

export function resolveKafkaSpec(config: KafkaConfig | undefined, context: DataResolveContext): KafkaSpec | undefined {
  if (!dataServiceEnabled("kafka", config, context.layers)) return undefined;
  const defaults = dataProfileDefaults[context.profile].kafka;
  const storageClass = storageClassOf(config?.storageClass, context);
  const pool = (given: KafkaConfig["brokers"], fallback: typeof defaults.brokers) => ({
    replicas: given?.replicas ?? fallback.replicas,
    storage: { size: given?.storageSize ?? fallback.storageSize, ...(storageClass ? { storageClass } : {}) },
    resources: structuredClone(given?.resources ?? fallback.resources),
  });
  const brokers = pool(config?.brokers, defaults.brokers);
  const replicationFactor = config?.replicationFactor ?? defaultReplicationFactor(brokers.replicas);
  const topics = config?.topics ?? (context.defaultLayers ? seedTopics : []);
  return {
    controllers: pool(config?.controllers, defaults.controllers),
    brokers,
    replicationFactor,
    minInSyncReplicas: config?.minInSyncReplicas ?? defaultMinInSyncReplicas(replicationFactor),
    deleteClaims: defaults.deleteClaims,
    topics: topics.map((t): KafkaTopicSpec => ({
      name: t.name,
      partitions: t.partitions ?? dataDefaults.kafka.topicPartitions,
      replicas: t.replicas ?? replicationFactor,
      config: {
        ...(t.retentionMs !== undefined ? { "retention.ms": t.retentionMs } : {}),
        ...(t.compression ? { "compression.type": t.compression } : {}),
        ...(t.cleanupPolicy ? { "cleanup.policy": t.cleanupPolicy } : {}),
        ...(t.minInSyncReplicas !== undefined ? { "min.insync.replicas": t.minInSyncReplicas } : {}),
        ...t.config,
      },
    })),
  };
}

export function resolvePostgresSpec(config: PostgresConfig | undefined, context: DataResolveContext): PostgresSpec | undefined {
  if (!dataServiceEnabled("postgres", config, context.layers)) return undefined;
  const defaults = dataProfileDefaults[context.profile].postgres;
  const storageClass = storageClassOf(config?.storageClass, context);
  const instances: NonNullable<PostgresConfig["instances"]> = config?.instances ?? [{ name: dataDefaults.postgres.instanceSetName, replicas: defaults.replicas }];
  const backups = config?.backups;
  const repositories: BackupRepositorySpec[] = [
    {
      name: "repo1",
      // Given schedules replace the defaults (as the second repository's and backup.schedules do): a full
      // backup moved to another hour must not run beside a default differential.
      schedules: { ...(backups?.schedules ?? dataDefaults.postgres.schedules) },
      retentionDays: backups?.retentionDays ?? defaults.retentionDays,
      ...(backups?.region ? { region: backups.region } : {}),
    },
  ];
  const second = backups?.secondRepository;
  if (second) {
    repositories.push({
      name: "repo2",
      schedules: { ...(second.schedules ?? dataDefaults.postgres.secondRepository.schedules) },
      retentionDays: second.retentionDays ?? dataDefaults.postgres.secondRepository.retentionDays,
      ...(second.region ? { region: second.region } : {}),
      ...(second.bucket ? { bucket: second.bucket } : {}),
    });
  }
  return {
    version: (config?.version ?? DEFAULT_POSTGRES_VERSION) as PostgresVersion,
    instances: instances.map((set) => ({
      name: set.name,
      replicas: set.replicas,
      storage: { size: set.storageSize ?? defaults.storageSize, ...(storageClass ? { storageClass } : {}) },
      resources: structuredClone(set.resources ?? defaults.resources),
    })),
    synchronousReplication: config?.synchronousReplication ?? defaults.synchronousReplication,
    pgBouncer: {
      replicas: config?.pgBouncer?.replicas ?? defaults.pgBouncerReplicas,
      resources: structuredClone(config?.pgBouncer?.resources ?? dataDefaults.postgres.pgBouncerResources),
    },
    extensions: [...new Set(config?.extensions ?? (context.defaultLayers ? dataDefaults.postgres.seedExtensions : []))],
    backups: { repositories, ...(backups?.roleArn ? { roleArn: backups.roleArn } : {}) },
  };
}

export function resolveRedisSpec(config: RedisConfig | undefined, context: DataResolveContext): RedisSpec | undefined {
  if (!dataServiceEnabled("redis", config, context.layers)) return undefined;
  const defaults = dataProfileDefaults[context.profile].redis;
  const storageClass = storageClassOf(config?.storageClass, context);
  const leaders = config?.leaders ?? dataDefaults.redis.leaders;
  return {
    leaders,
    followers: config?.followers ?? leaders * defaults.followersPerLeader,
    appendOnly: config?.appendOnly ?? dataDefaults.redis.appendOnly,
    storage: { size: config?.storageSize ?? defaults.storageSize, ...(storageClass ? { storageClass } : {}) },
    resources: structuredClone(config?.resources ?? defaults.resources),
    image: config?.image ?? redisImages.redis,
    exporterImage: config?.exporterImage ?? redisImages.exporter,
  };
}
