import * as path from "node:path";
import { formatConfigIssues } from "../config";
import { renderStack, RenderTargetError, writeTree, type RenderedTree } from "../render";
import { EXIT } from "./exit";
import { renderGitOps, renderGitOpsProblem, type RenderGitOpsOptions } from "./render-gitops";
import { StackConfigFileError } from "../config/stack-file";
import { reportStackConfigFile } from "./stack-config-report";

export interface RenderCommandOptions extends RenderGitOpsOptions {
  stack: string;
  out: string;
  projectDir: string;
}

function summary(tree: RenderedTree, out: string): string {
  const objects = tree.layers.reduce((n, l) => n + l.objects.length, 0);
  const charts = tree.layers.reduce((n, l) => n + l.helmCharts.length, 0);
  const width = Math.max(...tree.layers.map((l) => l.name.length));
  const lines = [
    `stack ${tree.stack}: rendered ${tree.layers.length} layers, ${objects} objects, ${charts} Helm charts (${tree.files.size} files) to ${out}`,
    "",
    "objects per layer:",
    ...tree.layers.map((l) => `  ${l.name.padEnd(width)}  ${l.objects.length}${l.helmCharts.length ? ` (+ ${l.helmCharts.length} charts)` : ""}`),
    "",
  ];
  if (!tree.placeholders.length) lines.push("placeholders: none (every cloud value came from stack config)");
  else {
    lines.push(`placeholders (${tree.placeholders.length}; listed in placeholders.yaml): substitute them, or set the config key and render again:`);
    lines.push(...tree.placeholders.map((p) => `  ${p.placeholder}  ${p.meaning}  (${p.configKey}; in ${p.files.length} files)`));
  }
  return lines.join("\n");
}

/** `strata render`: the stack's desired state as a kustomize tree in `out`. */
export function render(options: RenderCommandOptions, out: (text: string) => void, err: (text: string) => void): number {
  const usage = renderGitOpsProblem(options);
  if (usage) {
    err(`strata render: ${usage}`);
    return EXIT.invalidConfig;
  }
  try {
    return renderCommand(options, out, err);
  } catch (e) {
    if (e instanceof StackConfigFileError) return reportStackConfigFile("render", e, false, out, err);
    throw e;
  }
}

function renderCommand(options: RenderCommandOptions, out: (text: string) => void, err: (text: string) => void): number {
  const result = renderStack(options.projectDir, options.stack);
  if (!result.ok) {
    err(`strata render: stack ${result.stack}: ${formatConfigIssues(result.issues, result.namespace)}`);
    err("nothing was rendered.");
    return EXIT.invalidConfig;
  }
  let tree = result.tree;
  if (options.gitops !== undefined) {
    const wired = renderGitOps(tree, result.spec, result.namespace, { ...options, gitops: options.gitops });
    if (!wired.ok) {
      err(`strata render: ${wired.message}`);
      err("nothing was rendered.");
      return EXIT.invalidConfig;
    }
    tree = wired.tree;
  }
  const dir = path.resolve(options.out);
  try {
    writeTree(tree, options.out, options.projectDir);
  } catch (e) {
    // An --out the render refuses is a usage error: exit 2, like invalid config, nothing written.
    if (!(e instanceof RenderTargetError)) throw e;
    err(`strata render: ${e.message}`);
    return EXIT.invalidConfig;
  }
  out(summary(tree, dir));
  if (options.gitops === "argocd") out(`\nArgo CD: apply ${path.join(dir, "argocd/root.yaml")} (the app of apps); argocd-cm needs kustomize.buildOptions: --enable-helm`);
  if (options.gitops === "flux") out(`\nFlux: apply ${path.join(dir, "flux")} (kubectl apply -k) once; its Kustomizations keep the layers in sync`);
  return EXIT.ok;
}
