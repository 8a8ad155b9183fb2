import type { KafkaInput } from "../capabilities/kafka/schema";
import type { Profile } from "./profiles";

/**
 * The data layers' defaults. dev is one of everything, small; prod is the highly available shape the issue
 * and the seeds ask for: 3 KRaft controllers and 3 brokers (RF 3, min ISR 2), Postgres primary + 2 replicas
 * with synchronous replication and 2 pgBouncers, Redis 3 leaders + 3 followers.
 */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface DataProfileDefaults {
  kafka: {
    controllers: { replicas: number; storageSize: string; resources: ReturnType<typeof res> };
    brokers: { replicas: number; storageSize: string; resources: ReturnType<typeof res> };
    deleteClaims: boolean;
  };
  postgres: {
    replicas: number;
    storageSize: string;
    resources: ReturnType<typeof res>;
    synchronousReplication: boolean;
    pgBouncerReplicas: number;
    retentionDays: number;
  };
  redis: { followersPerLeader: number; storageSize: string; resources: ReturnType<typeof res> };
}

export const dataProfileDefaults: Record<Profile, DataProfileDefaults> = {
  dev: {
    kafka: {
      controllers: { replicas: 1, storageSize: "5Gi", resources: res("250m", "1Gi", "1Gi") },
      brokers: { replicas: 1, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
      deleteClaims: true,
    },
    postgres: { replicas: 1, storageSize: "20Gi", resources: res("250m", "1Gi", "1Gi"), synchronousReplication: false, pgBouncerReplicas: 1, retentionDays: 7 },
    redis: { followersPerLeader: 1, storageSize: "5Gi", resources: res("100m", "256Mi", "256Mi") },
  },
  prod: {
    kafka: {
      controllers: { replicas: 3, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
      brokers: { replicas: 3, storageSize: "500Gi", resources: res("2", "8Gi", "8Gi") },
      deleteClaims: false,
    },
    postgres: { replicas: 3, storageSize: "200Gi", resources: res("1", "4Gi", "4Gi"), synchronousReplication: true, pgBouncerReplicas: 2, retentionDays: 14 },
    redis: { followersPerLeader: 1, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
  },
};

export const dataDefaults = {
  kafka: { topicPartitions: 3, maxReplicationFactor: 3 },
  postgres: {
    instanceSetName: "pgha1",
    /** With the default layers: pgvector (seed 001's embeddings). */
    seedExtensions: ["vector"],
    pgBouncerResources: res("100m", "128Mi", "128Mi"),
    /**
     * Seed defaults: continuous WAL archiving (always on with pgBackRest), a weekly full, a daily
     * differential and an incremental every 6 hours.
     */
    schedules: { full: "0 1 * * 0", differential: "0 1 * * 1-6", incremental: "0 */6 * * *" },
    /** The second repository holds long-term copies: a weekly full kept for a year. */
    secondRepository: { schedules: { full: "30 2 * * 0" }, retentionDays: 365 },
  },
  redis: { leaders: 3, appendOnly: true },
};

/** Seed 001's topics: raw and parsed events per axis (6 partitions, lz4) and the RL reward stream. */
const SEED_AXES = ["R", "T", "G", "A", "P", "C", "M", "S", "D"];
const DAY_MS = 86_400_000;

export const seedTopics: NonNullable<KafkaInput["topics"]> = [
  ...SEED_AXES.map((axis) => ({ name: `raw_events.${axis}`, partitions: 6, retentionMs: 7 * DAY_MS, compression: "lz4" as const })),
  ...SEED_AXES.map((axis) => ({ name: `parsed_events.${axis}`, partitions: 6, retentionMs: 30 * DAY_MS, compression: "lz4" as const })),
  { name: "rl_rewards", partitions: 3, retentionMs: DAY_MS },
];

