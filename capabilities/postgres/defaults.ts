import type { Profile } from "../../config/profiles";

/**
 * Postgres's defaults. dev is one small instance; prod is the highly available shape the seeds ask for: a
 * primary and 2 replicas with synchronous replication and 2 pgBouncers.
 */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface PostgresProfileDefaults {
  replicas: number;
  storageSize: string;
  resources: ReturnType<typeof res>;
  synchronousReplication: boolean;
  pgBouncerReplicas: number;
  retentionDays: number;
}

export const postgresProfileDefaults: Record<Profile, PostgresProfileDefaults> = {
  dev: { replicas: 1, storageSize: "20Gi", resources: res("250m", "1Gi", "1Gi"), synchronousReplication: false, pgBouncerReplicas: 1, retentionDays: 7 },
  prod: { replicas: 3, storageSize: "200Gi", resources: res("1", "4Gi", "4Gi"), synchronousReplication: true, pgBouncerReplicas: 2, retentionDays: 14 },
};

/** The default extensions: pgvector when the layers start from the default set (seed 001's embeddings), none otherwise. */
export function defaultExtensions(layersFromDefaults: boolean): string[] {
  return layersFromDefaults ? [...postgresDefaults.seedExtensions] : [];
}

export const postgresDefaults = {
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
};
