import type { Profile } from "../../config/profiles";
import type { KafkaInput } from "./schema";

/**
 * Kafka's defaults. dev is one of everything, small; prod is the highly available shape the seeds ask
 * for: 3 KRaft controllers and 3 brokers (RF 3, min ISR 2).
 */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface KafkaProfileDefaults {
  controllers: { replicas: number; storageSize: string; resources: ReturnType<typeof res> };
  brokers: { replicas: number; storageSize: string; resources: ReturnType<typeof res> };
  deleteClaims: boolean;
}

export const kafkaProfileDefaults: Record<Profile, KafkaProfileDefaults> = {
  dev: {
    controllers: { replicas: 1, storageSize: "5Gi", resources: res("250m", "1Gi", "1Gi") },
    brokers: { replicas: 1, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
    deleteClaims: true,
  },
  prod: {
    controllers: { replicas: 3, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
    brokers: { replicas: 3, storageSize: "500Gi", resources: res("2", "8Gi", "8Gi") },
    deleteClaims: false,
  },
};

export const kafkaDefaults = { topicPartitions: 3, maxReplicationFactor: 3 };

/** Seed 001's topics: raw and parsed events per axis (6 partitions, lz4) and the RL reward stream. */
const SEED_AXES = ["R", "T", "G", "A", "P", "C", "M", "S", "D"];
const DAY_MS = 86_400_000;

export const seedTopics: NonNullable<KafkaInput["topics"]> = [
  ...SEED_AXES.map((axis) => ({ name: `raw_events.${axis}`, partitions: 6, retentionMs: 7 * DAY_MS, compression: "lz4" as const })),
  ...SEED_AXES.map((axis) => ({ name: `parsed_events.${axis}`, partitions: 6, retentionMs: 30 * DAY_MS, compression: "lz4" as const })),
  { name: "rl_rewards", partitions: 3, retentionMs: DAY_MS },
];

/** The default topics: seed 001's when the layers start from the default set (whose layers use them), none otherwise. */
export function defaultTopics(layersFromDefaults: boolean): NonNullable<KafkaInput["topics"]> {
  return layersFromDefaults ? seedTopics : [];
}
