import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { objectFileNames } from "../file-names";
import { kustomization } from "../kustomization";
import { KUSTOMIZATION_FILE, type RenderedTree } from "../render-tree";
import { renderHeader, toYaml } from "../yaml";
import { argoCdObjects } from "./argocd";
import { fluxObjects } from "./flux";
import { layerOrder, type StartupDependencies } from "./order";
import type { TreeRepository } from "./repository";

export { treeRepository, DEFAULT_BRANCH, type TreeRepository } from "./repository";
export { layerOrder, type LayerOrder, type StartupDependencies } from "./order";

export const gitopsKinds = ["argocd", "flux"] as const;
export type GitOpsKind = (typeof gitopsKinds)[number];
export const isGitOpsKind = (text: string): text is GitOpsKind => (gitopsKinds as readonly string[]).includes(text);

/** A directory of objects: one file each (`<kind>-<name>.yaml`) and a kustomization.yaml listing them. */
function objectDirectory(dir: string, objects: KubernetesObject[], header: string): [string, string][] {
  const names = objectFileNames(objects);
  return [...objects.map((o, i): [string, string] => [`${dir}/${names[i]}`, header + toYaml(o)]), [`${dir}/${KUSTOMIZATION_FILE}`, header + toYaml(kustomization(names))]];
}

/**
 * The rendered tree with a GitOps controller's wiring added: Argo CD's app of apps under `argocd/`, or
 * Flux's GitRepository, HelmRepositories and Kustomizations under `flux/` (and each layer's charts as
 * HelmReleases under `flux/operators/<layer>`, with its Namespaces; the layer's own kustomization.yaml then
 * lists neither). The tree's top kustomization.yaml does not list them: they are applied once, by hand or
 * by the controller's bootstrap, and keep the layers in sync from then on.
 */
export function withGitOps(tree: RenderedTree, kind: GitOpsKind, repo: TreeRepository, startup: StartupDependencies): RenderedTree {
  const header = renderHeader(tree.stack).replace("`strata render --stack", `\`strata render --gitops ${kind} --stack`);
  const files = new Map(tree.files);
  const order = layerOrder(tree.layers, startup);
  if (kind === "argocd") {
    const { root, apps } = argoCdObjects(tree.stack, order, repo);
    files.set("argocd/root.yaml", header + toYaml(root));
    for (const [file, text] of objectDirectory("argocd/apps", apps, header)) files.set(file, text);
  } else {
    const { flux, operators } = fluxObjects(tree.stack, tree.layers, order, repo);
    for (const [file, text] of objectDirectory("flux", flux, header)) files.set(file, text);
    for (const [layerName, { namespaces, releases }] of operators) {
      for (const [file, text] of objectDirectory(`flux/operators/${layerName}`, [...namespaces, ...releases], header)) files.set(file, text);
      // The layer's directory keeps its other objects, listed without the charts and without the Namespaces.
      const layer = tree.layers.find((l) => l.name === layerName)!;
      const names = objectFileNames(layer.objects);
      const kept = names.filter((_, i) => layer.objects[i].kind !== "Namespace");
      names.forEach((name, i) => layer.objects[i].kind === "Namespace" && files.delete(`${layerName}/${name}`));
      files.set(`${layerName}/${KUSTOMIZATION_FILE}`, renderHeader(tree.stack) + toYaml(kustomization(kept)));
    }
  }
  return { ...tree, files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))) };
}
