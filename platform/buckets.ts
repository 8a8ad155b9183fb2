/**
 * The platform's object storage: one bucket per purpose. The cluster layer creates them (or, for an
 * existing cluster, takes their names from config); the layers that write to them (Velero, Thanos,
 * pgBackRest) find them here by purpose.
 */
export const bucketPurposes = ["backups", "metrics", "postgres"] as const;
export type BucketPurpose = (typeof bucketPurposes)[number];

export const bucketDescriptions: Record<BucketPurpose, string> = {
  backups: "Velero cluster backups",
  metrics: "Thanos long-term metrics blocks",
  postgres: "pgBackRest Postgres backups and WAL archive",
};
