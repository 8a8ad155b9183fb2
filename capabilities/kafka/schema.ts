import { z } from "zod";
import { dataResourcesSchema, storageClassName, storageSize } from "../../config/data-shapes";
import { kafkaTopicName } from "../../config/kafka-topic-name";

/**
 * The stack-config shape of the Kafka layer (`strata:kafka`): Strimzi, KRaft controllers and brokers,
 * topics. Defaults (some from the profile) are applied in resolve.ts; cross-key rules (min ISR below
 * the replication factor, the factor within the broker count, layers naming existing topics) in checks.ts.
 */

export const compressionTypes = ["producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"] as const;
export const cleanupPolicies = ["delete", "compact", "compact,delete"] as const;

export const kafkaTopicSchema = z
  .object({
    name: kafkaTopicName,
    /** Partitions (at least 1); default 3. */
    partitions: z.int32().min(1).max(10000).optional(),
    /** Replicas of each partition; default the cluster's replication factor. */
    replicas: z.int32().min(1).optional(),
    /** How long records are kept (Kafka `retention.ms`; -1: forever); default Kafka's (7 days). */
    retentionMs: z.int().min(-1).optional(), // a Kafka long, not an int32
    /** `compression.type`. */
    compression: z.enum(compressionTypes).optional(),
    /** `cleanup.policy`. */
    cleanupPolicy: z.enum(cleanupPolicies).optional(),
    /** `min.insync.replicas` of this topic; default the cluster's. */
    minInSyncReplicas: z.int32().min(1).optional(),
    /** Any other topic-level Kafka config (e.g. `max.message.bytes`). */
    config: z.record(z.string().regex(/^[a-z][a-z0-9.]*$/, { message: "must be a Kafka config key such as max.message.bytes" }), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

const kafkaPoolSchema = z
  .object({
    replicas: z.int32().min(1).max(100).optional(),
    /** Size of each node's persistent volume. */
    storageSize: storageSize.optional(),
    resources: dataResourcesSchema.optional(),
  })
  .strict();

export const kafkaSchema = z
  .object({
    /** Deploy Kafka; default: when some layer declares `dataServices.kafka`. */
    enabled: z.boolean().optional(),
    /** KRaft controllers (the metadata quorum): an odd count; default dev 1, prod 3. */
    controllers: kafkaPoolSchema.optional(),
    /** Brokers; default dev 1, prod 3. */
    brokers: kafkaPoolSchema.optional(),
    /** `default.replication.factor` and the internal topics' factor; default min(3, brokers). */
    replicationFactor: z.int32().min(1).optional(),
    /** `min.insync.replicas`; default replicationFactor − 1 (at least 1). */
    minInSyncReplicas: z.int32().min(1).optional(),
    storageClass: storageClassName.optional(),
    /** The topics Strimzi creates; default: seed 001's topics with the default layers, none otherwise. */
    topics: z.array(kafkaTopicSchema).optional(),
  })
  .strict();

export type KafkaInput = z.input<typeof kafkaSchema>;
export type KafkaConfig = z.output<typeof kafkaSchema>;
