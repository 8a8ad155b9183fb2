import { validateStackConfig, type ConfigIssue } from "../config";
import { defaultClusterName } from "../capabilities/cluster/resolve";
import { remoteKeyPrefix } from "../manifests/external-secret";
import { platformDesiredState } from "../stack/desired-state";
import { readProjectFile, readStackFile } from "../offline/stack-file";
import { RenderCloudValues } from "./cloud-values";
import { renderTree, type RenderedTree } from "./render-tree";

export type StackRender = { ok: true; tree: RenderedTree } | { ok: false; stack: string; namespace: string; issues: ConfigIssue[] };

/**
 * Renders a stack of the project in `projectDir` (Pulumi.<stack>.yaml) with no cloud and no cluster: its
 * config validated exactly as the program validates it, then the platform's desired state written as a
 * kustomize tree.
 */
export function renderStack(projectDir: string, stack: string): StackRender {
  const project = readProjectFile(projectDir);
  const { config } = readStackFile(projectDir, project, stack);
  const namespace = project.name;
  const prefix = `${namespace}:`;
  const values = Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const region = typeof config["aws:region"] === "string" ? config["aws:region"] : undefined;
  const result = validateStackConfig(values, { awsRegion: region });
  if (!result.ok) return { ok: false, stack, namespace, issues: result.issues };

  const spec = result.spec;
  const cloud = new RenderCloudValues(spec.gitops, spec.cluster, namespace, region);
  const identity = { cluster: spec.cluster.name ?? defaultClusterName(namespace, stack), stack };
  const keyPrefix = remoteKeyPrefix(spec.gitops, namespace, stack);
  const layers = platformDesiredState(spec, { cloud, identity, remoteKeyPrefix: keyPrefix });
  const tree = renderTree(layers, {
    stack,
    gitops: spec.gitops,
    remoteKeyPrefix: keyPrefix,
    placeholders: cloud.placeholders(),
  });
  return { ok: true, tree };
}
