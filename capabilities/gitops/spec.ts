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
  /** Where the rendered tree is committed (`gitops.repository`); absent: not configured. */
  repository?: GitRepositorySpec;
}

/** A Git repository and the rendered tree's place in it. */
export interface GitRepositorySpec {
  url?: string;
  branch?: string;
  path?: string;
}
