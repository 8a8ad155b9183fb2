import { dataServiceEnabled, storageClassOf, type DataResolveContext } from "../../config/data-services";
import { defaultTopics, kafkaDefaults, kafkaProfileDefaults } from "./defaults";
import type { KafkaConfig } from "./schema";
import type { KafkaSpec, KafkaTopicSpec } from "./spec";

/** The default replication factor for a broker count: 3 where there are 3 brokers, fewer below. */
export function defaultReplicationFactor(brokers: number): number {
  return Math.min(kafkaDefaults.maxReplicationFactor, brokers);
}

/** The default min ISR: one below the factor (a broker may be down while acks=all writes go on), at least 1. */
export function defaultMinInSyncReplicas(replicationFactor: number): number {
  return Math.max(1, replicationFactor - 1);
}

export function resolveKafkaSpec(config: KafkaConfig | undefined, context: DataResolveContext): KafkaSpec | undefined {
  if (!dataServiceEnabled("kafka", config, context.layers)) return undefined;
  const defaults = kafkaProfileDefaults[context.profile];
  const storageClass = storageClassOf(config?.storageClass, context);
  const pool = (given: KafkaConfig["brokers"], fallback: typeof defaults.brokers) => ({
    replicas: given?.replicas ?? fallback.replicas,
    storage: { size: given?.storageSize ?? fallback.storageSize, ...(storageClass ? { storageClass } : {}) },
    resources: structuredClone(given?.resources ?? fallback.resources),
  });
  const brokers = pool(config?.brokers, defaults.brokers);
  const replicationFactor = config?.replicationFactor ?? defaultReplicationFactor(brokers.replicas);
  const topics = config?.topics ?? defaultTopics(context.defaultLayers);
  return {
    controllers: pool(config?.controllers, defaults.controllers),
    brokers,
    replicationFactor,
    minInSyncReplicas: config?.minInSyncReplicas ?? defaultMinInSyncReplicas(replicationFactor),
    deleteClaims: defaults.deleteClaims,
    topics: topics.map((t): KafkaTopicSpec => ({
      name: t.name,
      partitions: t.partitions ?? kafkaDefaults.topicPartitions,
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
