import type { BucketPurpose } from "../../platform/buckets";

/** `strata render`'s settings (the `gitops` key), defaults applied. */
export interface GitOpsSpec {
  secretStore: { kind: "ClusterSecretStore" | "SecretStore"; name: string };
  /** Absent: `strata/<stack>`. */
  remoteKeyPrefix?: string;
  refreshInterval: string;
  accountId?: string;
  buckets: Partial<Record<BucketPurpose, string>>;
  roleArns: Record<string, string>;
}
