import type { GitRepositorySpec } from "../capabilities/gitops";
import { gitBranch, gitUrl, repoPath } from "../capabilities/gitops";
import { gitopsKinds, isGitOpsKind, treeRepository, withGitOps, type GitOpsKind } from "../render/gitops";
import type { RenderedTree } from "../render";
import type { PlatformSpec } from "../stack/spec";

/** `strata render`'s GitOps options. */
export interface RenderGitOpsOptions {
  gitops?: string;
  repoUrl?: string;
  repoBranch?: string;
  repoPath?: string;
}

/** What is wrong with the GitOps options before anything is rendered (a usage error, exit 2), or undefined. */
export function renderGitOpsProblem(options: RenderGitOpsOptions): string | undefined {
  if (options.gitops === undefined) {
    const given = (["repoUrl", "repoBranch", "repoPath"] as const).filter((k) => options[k] !== undefined);
    if (given.length) return `--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} says where --gitops points its controller: give --gitops argocd or --gitops flux too`;
    return undefined;
  }
  if (!isGitOpsKind(options.gitops)) return `--gitops must be one of ${gitopsKinds.join(", ")}, not ${JSON.stringify(options.gitops)}`;
  const checks: [string, string | undefined, typeof gitUrl][] = [
    ["--repo-url", options.repoUrl, gitUrl],
    ["--repo-branch", options.repoBranch, gitBranch],
    ["--repo-path", options.repoPath, repoPath],
  ];
  for (const [flag, value, schema] of checks) {
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (!result.success) return `${flag} ${JSON.stringify(value)} ${result.error.issues[0].message}`;
  }
  return undefined;
}

/** The tree with the controller's wiring, or what is missing to write it (a usage error, exit 2). */
export function renderGitOps(tree: RenderedTree, spec: PlatformSpec, namespace: string, options: RenderGitOpsOptions & { gitops: string }): { ok: true; tree: RenderedTree } | { ok: false; message: string } {
  const flags: GitRepositorySpec = { url: options.repoUrl, branch: options.repoBranch, path: options.repoPath };
  const repo = treeRepository(flags, spec.gitops.repository, namespace);
  if (!repo.ok) return { ok: false, message: `--gitops ${options.gitops} points its controller at the Git repository the tree is committed to; missing: ${repo.missing.join("; ")}` };
  const startup = new Map(spec.layers.map((l) => [l.name, { layers: l.dependsOn.layers, dataServices: [...l.dependsOn.dataServices] }]));
  return { ok: true, tree: withGitOps(tree, options.gitops as GitOpsKind, repo.repo, startup) };
}
