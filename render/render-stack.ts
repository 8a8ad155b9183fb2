import type { Capability } from "../capabilities/capability";
import { clusterNameOf } from "../capabilities/cluster";
import { CAPABILITIES } from "../capabilities/registry";
import type { ConfigIssue } from "../config";
import { remoteKeyPrefix } from "../manifests/external-secret";
import type { LayerDesiredState } from "../manifests/layer-desired-state";
import { platformDesiredState } from "../stack/desired-state";
import { validateStackConfig, type PlatformSpec } from "../stack/spec";
import { readStackValues } from "../offline/stack-values";
import { RenderCloudValues } from "./cloud-values";
import { renderTree, type RenderedTree } from "./render-tree";

export type StackRender = { ok: true; tree: RenderedTree; spec: PlatformSpec; namespace: string } | { ok: false; stack: string; namespace: string; issues: ConfigIssue[] };

/** A stack's resolved config and its desired state, layer by layer, as a render computes them. */
export interface StackDesiredState {
  stack: string;
  /** The project's config namespace (`strata`). */
  namespace: string;
  spec: PlatformSpec;
  layers: LayerDesiredState[];
  keyPrefix: string;
  cloud: RenderCloudValues;
}

export type StackDesiredStateResult = ({ ok: true } & StackDesiredState) | { ok: false; stack: string; namespace: string; issues: ConfigIssue[] };

/**
 * A stack of the project in `projectDir` (Pulumi.<stack>.yaml) with no cloud and no cluster: its config
 * validated exactly as the program validates it, then the platform's desired state (what `strata render`
 * writes and `strata graph` draws).
 */
export function stackDesiredState(projectDir: string, typed: string, capabilities: readonly Capability[] = CAPABILITIES): StackDesiredStateResult {
  const { stack, namespace, values, awsRegion: region } = readStackValues(projectDir, typed);
  const result = validateStackConfig(values, { awsRegion: region }, capabilities);
  if (!result.ok) return { ok: false, stack, namespace, issues: result.issues };

  const spec = result.spec;
  const cloud = new RenderCloudValues(spec.gitops, spec.cluster, namespace, region);
  const identity = { cluster: clusterNameOf(spec.cluster, namespace, stack), stack };
  const keyPrefix = remoteKeyPrefix(spec.gitops, namespace, stack);
  const layers = platformDesiredState(spec, { cloud, identity, remoteKeyPrefix: keyPrefix }, capabilities);
  return { ok: true, stack, namespace, spec, layers, keyPrefix, cloud };
}

/** Renders a stack as a kustomize tree (stackDesiredState, written by renderTree). */
export function renderStack(projectDir: string, stack: string, capabilities: readonly Capability[] = CAPABILITIES): StackRender {
  const state = stackDesiredState(projectDir, stack, capabilities);
  if (!state.ok) return state;
  const tree = renderTree(state.layers, {
    stack: state.stack,
    gitops: state.spec.gitops,
    remoteKeyPrefix: state.keyPrefix,
    placeholders: state.cloud.placeholders(),
  });
  return { ok: true, tree, spec: state.spec, namespace: state.namespace };
}
