import type { GitOpsSpec } from "../capabilities/gitops";
import type { LayerDesiredState } from "../manifests/layer-desired-state";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { SECRET_PLACEHOLDER } from "../config/stack-file";
import type { Placeholder } from "./cloud-values";
import { objectFileNames } from "./file-names";
import { RenderError } from "./render-error";
import { kustomization } from "./kustomization";
import { providedSecrets, withSecretReferences } from "./secret-references";
import { withSyncWave } from "./sync-wave";
import { KUSTOMIZATION_FILE, PLACEHOLDERS_FILE } from "./tree-layout";
import { renderHeader, toYaml } from "./yaml";

export { KUSTOMIZATION_FILE, PLACEHOLDERS_FILE } from "./tree-layout";

export interface RenderOptions {
  stack: string;
  gitops: GitOpsSpec;
  /** Remote keys of the secret store start with it. */
  remoteKeyPrefix: string;
  /** The placeholders the desired state was built with. */
  placeholders: Placeholder[];
  /** The encrypted config values the desired state was built with: the text each stands as, and its key. */
  secureValues?: SecureValue[];
}

/** An encrypted (`secure:`) config value offline: a text holding SECRET_PLACEHOLDER, unique to its key. */
export interface SecureValue {
  marker: string;
  /** Its config key, as config issues name keys: `layers[0].env.TOKEN`. */
  path: string;
}

export interface RenderedLayer {
  name: string;
  /** The objects as written: the desired state's, with Secrets as ExternalSecrets. */
  objects: KubernetesObject[];
  helmCharts: LayerDesiredState["helmCharts"];
}

export interface PlaceholderUse extends Placeholder {
  /** Files (relative to the tree) that hold it. */
  files: string[];
}

/** A rendered stack: file contents by path relative to the output directory, in sorted order. */
export interface RenderedTree {
  stack: string;
  files: Map<string, string>;
  layers: RenderedLayer[];
  placeholders: PlaceholderUse[];
}

export { RenderError } from "./render-error";

/**
 * Encrypted (`secure:`) config that would reach a file: decided by the config alone, so a config error at
 * each key (exit 2), not a failure of the render.
 */
export class SecureValueRenderError extends RenderError {
  constructor(public readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  }
}

/**
 * Writes layers' desired state as a kustomize tree: a directory per layer with one file per object and
 * a kustomization.yaml listing them in the desired state's order plus the layer's `helmCharts:` (each
 * object with the layer's Argo CD sync wave, when it has one); a top
 * kustomization.yaml listing the layers in deployment order; placeholders.yaml listing every value the
 * render could not know. Pure: the same layers always give the same bytes.
 */
export function renderTree(layers: LayerDesiredState[], options: RenderOptions): RenderedTree {
  const header = renderHeader(options.stack);
  const files = new Map<string, string>();
  const seen = new Set<string>();
  for (const layer of layers) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(layer.name)) throw new RenderError(`layer name ${JSON.stringify(layer.name)} cannot be a directory name`);
    if (seen.has(layer.name) || layer.name === PLACEHOLDERS_FILE) throw new RenderError(`two layers are named ${layer.name}`);
    seen.add(layer.name);
  }

  const secrets = providedSecrets(layers.flatMap((l) => l.objects));
  const rendered = layers.map(
    (layer): RenderedLayer => ({
      name: layer.name,
      helmCharts: layer.helmCharts,
      // The wave after the secret references: a layer's ExternalSecrets go in its namespace, which the wave holds back.
      objects: withSyncWave(withSecretReferences(layer.objects, options.gitops, options.remoteKeyPrefix, secrets), layer.startupWave),
    }),
  );

  for (const layer of rendered) {
    const names = objectFileNames(layer.objects);
    layer.objects.forEach((object, i) => files.set(`${layer.name}/${names[i]}`, header + toYaml(object)));
    files.set(`${layer.name}/${KUSTOMIZATION_FILE}`, header + toYaml(kustomization(names, layer.helmCharts)));
  }
  files.set(KUSTOMIZATION_FILE, header + toYaml(kustomization(rendered.map((l) => l.name))));

  const unreadable = [...files].filter(([, text]) => text.includes(SECRET_PLACEHOLDER)).map(([file]) => file);
  if (unreadable.length) {
    const issues = (options.secureValues ?? []).flatMap(({ marker, path }) => {
      const reached = unreadable.filter((file) => files.get(file)!.includes(marker));
      const where = reached.length > 1 ? `${reached[0]} and ${reached.length - 1} more files` : reached[0];
      const message = `a secure: (encrypted) value cannot be rendered: a render cannot decrypt it and must never write it, and it would reach ${where}; reference a Secret instead (secretEnv)`;
      return reached.length ? [{ path, message }] : [];
    });
    if (issues.length) throw new SecureValueRenderError(issues);
    throw new RenderError(
      `${unreadable.join(", ")} would hold a value of encrypted (secure:) stack config, which a render cannot decrypt and must never write: reference a Secret instead (secretEnv)`,
    );
  }
  const placeholders = options.placeholders.map((p) => ({ ...p, files: [...files].filter(([, text]) => text.includes(p.placeholder)).map(([file]) => file).sort() }));
  files.set(PLACEHOLDERS_FILE, header + toYaml({ placeholders }));
  return { stack: options.stack, files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), layers: rendered, placeholders };
}
