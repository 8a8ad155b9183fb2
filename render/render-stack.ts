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
import { formatConfigPath, SECRET_MARKERS, SECRET_PLACEHOLDER, secretMarker } from "../config/secret-config";
import { renderTree, SecureValueRenderError, type RenderedTree, type SecureValue } from "./render-tree";

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
  /** The encrypted config values, each as a text of its own (withSecureMarkers). */
  secureValues: SecureValue[];
}

export type StackDesiredStateResult = ({ ok: true } & StackDesiredState) | { ok: false; stack: string; namespace: string; issues: ConfigIssue[] };

/**
 * A stack of the project in `projectDir` (Pulumi.<stack>.yaml) with no cloud and no cluster: its config
 * validated exactly as the program validates it, then the platform's desired state (what `strata render`
 * writes and `strata graph` draws).
 */
export function stackDesiredState(projectDir: string, typed: string, capabilities: readonly Capability[] = CAPABILITIES): StackDesiredStateResult {
  const read = readStackValues(projectDir, typed);
  const { stack, namespace, awsRegion: region } = read;
  const { values, secureValues } = withSecureMarkers(read.values, read.securePaths);
  const result = validateStackConfig(values, { awsRegion: region }, capabilities);
  // An issue quotes an encrypted value as the placeholder, as everywhere else (not its marker).
  if (!result.ok) return { ok: false, stack, namespace, issues: result.issues.map((i) => ({ ...i, message: i.message.replace(SECRET_MARKERS, SECRET_PLACEHOLDER) })) };

  const spec = result.spec;
  const cloud = new RenderCloudValues(spec.gitops, spec.cluster, namespace, region);
  const identity = { cluster: clusterNameOf(spec.cluster, namespace, stack), stack };
  const keyPrefix = remoteKeyPrefix(spec.gitops, namespace, stack);
  const layers = platformDesiredState(spec, { cloud, identity, remoteKeyPrefix: keyPrefix }, capabilities);
  return { ok: true, stack, namespace, spec, layers, keyPrefix, cloud, secureValues };
}

/**
 * The values with each encrypted value's placeholder made unique (`[secret]{0}`, `[secret]{1}`…): still
 * holding SECRET_PLACEHOLDER, so a file holding one is refused, and now by the key it came from.
 */
function withSecureMarkers(values: Record<string, unknown>, securePaths: (string | number)[][]): { values: Record<string, unknown>; secureValues: SecureValue[] } {
  const marked = structuredClone(values);
  const secureValues: SecureValue[] = [];
  securePaths.forEach((at, i) => {
    let parent = marked as Record<string | number, unknown>;
    for (const k of at.slice(0, -1)) parent = parent?.[k] as Record<string | number, unknown>;
    const last = at[at.length - 1];
    if (parent?.[last] !== SECRET_PLACEHOLDER) return;
    const marker = secretMarker(i);
    parent[last] = marker;
    secureValues.push({ marker, path: formatConfigPath(at) });
  });
  return { values: marked, secureValues };
}

/** Renders a stack as a kustomize tree (stackDesiredState, written by renderTree). */
export function renderStack(projectDir: string, stack: string, capabilities: readonly Capability[] = CAPABILITIES): StackRender {
  const state = stackDesiredState(projectDir, stack, capabilities);
  if (!state.ok) return state;
  try {
    const tree = renderTree(state.layers, {
      stack: state.stack,
      gitops: state.spec.gitops,
      remoteKeyPrefix: state.keyPrefix,
      placeholders: state.cloud.placeholders(),
      secureValues: state.secureValues,
    });
    return { ok: true, tree, spec: state.spec, namespace: state.namespace };
  } catch (e) {
    // Encrypted config that would reach a file is the config's problem: refused at its key, like invalid config.
    if (e instanceof SecureValueRenderError) return { ok: false, stack: state.stack, namespace: state.namespace, issues: e.issues };
    throw e;
  }
}
