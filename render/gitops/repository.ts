import type { GitRepositorySpec } from "../../capabilities/gitops";

/** Where the rendered tree is committed: all three known. */
export interface TreeRepository {
  url: string;
  branch: string;
  /** Relative to the repository root, without a trailing "/" ("." for the root). */
  path: string;
}

export const DEFAULT_BRANCH = "main";

/** A path below the tree's directory in the repository, as Argo CD (no "./") and Flux ("./…") write it. */
export function treePath(repo: TreeRepository, sub: string, style: "argocd" | "flux"): string {
  const joined = repo.path === "." ? sub : `${repo.path}/${sub}`;
  return style === "flux" ? `./${joined}` : joined;
}

/** The repository from flags over config; what is still missing, said by its flag and its config key. */
export function treeRepository(flags: GitRepositorySpec, config: GitRepositorySpec | undefined, namespace: string): { ok: true; repo: TreeRepository } | { ok: false; missing: string[] } {
  const url = flags.url ?? config?.url;
  const path = flags.path ?? config?.path;
  const missing = [
    ...(url === undefined ? [`the repository URL (--repo-url, or ${namespace}:gitops.repository.url)`] : []),
    ...(path === undefined ? [`the tree's path in the repository (--repo-path, or ${namespace}:gitops.repository.path)`] : []),
  ];
  if (url === undefined || path === undefined) return { ok: false, missing };
  return { ok: true, repo: { url, branch: flags.branch ?? config?.branch ?? DEFAULT_BRANCH, path: path.replace(/\/+$/, "") || "." } };
}
