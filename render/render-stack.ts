import type { Capability } from "../capabilities/capability";
import { clusterNameOf } from "../capabilities/cluster";
import { CAPABILITIES } from "../capabilities/registry";
import type { ConfigIssue } from "../config";
import { remoteKeyPrefix } from "../manifests/external-secret";
import { platformDesiredState } from "../stack/desired-state";
import { validateStackConfig } from "../stack/spec";
import { readStackValues } from "../offline/stack-values";
import { RenderCloudValues } from "./cloud-values";
import { renderTree, type RenderedTree } from "./render-tree";

export type StackRender = { ok: true; tree: RenderedTree } | { ok: false; stack: string; namespace: string; issues: ConfigIssue[] };

/**
 * Renders a stack of the project in `projectDir` (Pulumi.<stack>.yaml) with no cloud and no cluster: its
 * config validated exactly as the program validates it, then the platform's desired state written as a
 * kustomize tree.
 */
export function renderStack(projectDir: string, typed: string, capabilities: readonly Capability[] = CAPABILITIES): StackRender {
  const { stack, namespace, values, awsRegion: region } = readStackValues(projectDir, typed);
  const result = validateStackConfig(values, { awsRegion: region }, capabilities);
  if (!result.ok) return { ok: false, stack, namespace, issues: result.issues };

  const spec = result.spec;
  const cloud = new RenderCloudValues(spec.gitops, spec.cluster, namespace, region);
  const identity = { cluster: clusterNameOf(spec.cluster, namespace, stack), stack };
  const keyPrefix = remoteKeyPrefix(spec.gitops, namespace, stack);
  const layers = platformDesiredState(spec, { cloud, identity, remoteKeyPrefix: keyPrefix }, capabilities);
  const tree = renderTree(layers, {
    stack,
    gitops: spec.gitops,
    remoteKeyPrefix: keyPrefix,
    placeholders: cloud.placeholders(),
  });
  return { ok: true, tree };
}
