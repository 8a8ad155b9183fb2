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

/** An S3 storage class a lifecycle rule may move objects to. */
export type StorageClassName = "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";

export interface LifecycleRuleSpec {
  id: string;
  enabled: boolean;
  prefix?: string;
  expirationDays?: number;
  noncurrentVersionExpirationDays?: number;
  abortIncompleteMultipartUploadDays?: number;
  transitions?: { days: number; storageClass: StorageClassName }[];
}
