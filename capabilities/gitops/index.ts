import { defineCapability } from "../capability";
import { gitopsSchema, type GitOpsConfig } from "./schema";
import type { GitOpsSpec } from "./spec";

export type { GitOpsSpec, GitRepositorySpec } from "./spec";
export { gitUrl, gitBranch, repoPath } from "./schema";

/** The External Secrets store rendered ExternalSecrets read from when `gitops.secretStore` is not set. */
export const DEFAULT_SECRET_STORE = { kind: "ClusterSecretStore", name: "strata" } as const;

function resolveGitOps(gitops: GitOpsConfig | undefined): GitOpsSpec {
  return {
    secretStore: { kind: gitops?.secretStore?.kind ?? DEFAULT_SECRET_STORE.kind, name: gitops?.secretStore?.name ?? DEFAULT_SECRET_STORE.name },
    remoteKeyPrefix: gitops?.remoteKeyPrefix,
    refreshInterval: gitops?.refreshInterval ?? "1h",
    accountId: gitops?.accountId,
    buckets: { ...gitops?.buckets },
    roleArns: { ...gitops?.roleArns },
    ...(gitops?.repository ? { repository: { ...gitops.repository } } : {}),
  };
}

/**
 * GitOps settings: what `strata render` needs that only the cloud or the GitOps setup knows (the secret
 * store, remote keys, account, bucket names and role ARNs), and the store the layers' ExternalSecrets
 * read from under `pulumi up` too. It deploys nothing.
 */
export const gitops = defineCapability({
  name: "gitops",
  summary: "what a rendered tree needs that only the cloud knows: the secret store, remote keys, bucket names and role ARNs",
  config: { key: "gitops", schema: gitopsSchema },
  needs: [],
  namespaces: [],
  charts: [],
  images: [],
  crdGroups: [],
  resolve: ({ input }) => resolveGitOps(input),
});
