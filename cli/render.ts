import * as path from "node:path";
import { renderStack, RenderTargetError, writeTree, type RenderedTree } from "../render";
import { EXIT } from "./exit";
import { renderGitOps, renderGitOpsProblem, type RenderGitOpsOptions } from "./render-gitops";
import { StackConfigFileError } from "../config/stack-file";
import { reportConfigIssues, reportStackConfigFile } from "./stack-config-report";

export interface RenderCommandOptions extends RenderGitOpsOptions {
  stack: string;
  out: string;
  projectDir: string;
  /** Print the report as one JSON document instead of the text summary. */
  json?: boolean;
}

/** What a render wrote: `strata render --json` prints it, the text summary says it. */
export interface RenderReport {
  stack: string;
  /** The output directory, absolute. */
  out: string;
  objects: number;
  helmCharts: number;
  /** Files of the tree (the wiring's included), relative to `out`. */
  files: number;
  layers: { name: string; objects: number; helmCharts: number }[];
  placeholders: { placeholder: string; meaning: string; configKey: string; files: string[] }[];
  /** With --gitops: the controller, its wiring files (relative to `out`) and what to apply once. */
  gitops?: { controller: string; files: string[]; apply: string };
}

function renderReport(tree: RenderedTree, out: string, gitops?: { controller: string; files: string[] }): RenderReport {
  const layers = tree.layers.map((l) => ({ name: l.name, objects: l.objects.length, helmCharts: l.helmCharts.length }));
  return {
    stack: tree.stack,
    out,
    objects: layers.reduce((n, l) => n + l.objects, 0),
    helmCharts: layers.reduce((n, l) => n + l.helmCharts, 0),
    files: tree.files.size,
    layers,
    placeholders: tree.placeholders.map((p) => ({ placeholder: p.placeholder, meaning: p.meaning, configKey: p.configKey, files: p.files })),
    ...(gitops ? { gitops: { ...gitops, apply: path.join(out, gitops.controller === "argocd" ? "argocd/root.yaml" : "flux") } } : {}),
  };
}

function summary(report: RenderReport): string {
  const width = Math.max(...report.layers.map((l) => l.name.length));
  const lines = [
    `stack ${report.stack}: rendered ${report.layers.length} layers, ${report.objects} objects, ${report.helmCharts} Helm charts (${report.files} files) to ${report.out}`,
    "",
    "objects per layer:",
    ...report.layers.map((l) => `  ${l.name.padEnd(width)}  ${l.objects}${l.helmCharts ? ` (+ ${l.helmCharts} charts)` : ""}`),
    "",
  ];
  if (!report.placeholders.length) lines.push("placeholders: none (every cloud value came from stack config)");
  else {
    lines.push(`placeholders (${report.placeholders.length}; listed in placeholders.yaml): substitute them, or set the config key and render again:`);
    lines.push(...report.placeholders.map((p) => `  ${p.placeholder}  ${p.meaning}  (${p.configKey}; in ${p.files.length} files)`));
  }
  if (report.gitops?.controller === "argocd") lines.push("", `Argo CD: apply ${report.gitops.apply} (the app of apps); argocd-cm needs kustomize.buildOptions: --enable-helm`);
  if (report.gitops?.controller === "flux") lines.push("", `Flux: apply ${report.gitops.apply} (kubectl apply -k) once; its Kustomizations keep the layers in sync`);
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
    if (e instanceof StackConfigFileError) return reportStackConfigFile("render", e, options.json, out, err);
    throw e;
  }
}

function renderCommand(options: RenderCommandOptions, out: (text: string) => void, err: (text: string) => void): number {
  const result = renderStack(options.projectDir, options.stack);
  if (!result.ok) return reportConfigIssues("render", result, options.json, out, err);
  let tree = result.tree;
  let gitops: { controller: string; files: string[] } | undefined;
  if (options.gitops !== undefined) {
    const wired = renderGitOps(tree, result.spec, result.namespace, { ...options, gitops: options.gitops });
    if (!wired.ok) {
      err(`strata render: ${wired.message}`);
      err("nothing was rendered.");
      return EXIT.invalidConfig;
    }
    // The wiring's files are the ones the tree did not have (Flux also rewrites some layers' kustomizations).
    gitops = { controller: options.gitops, files: [...wired.tree.files.keys()].filter((f) => !tree.files.has(f)) };
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
  const report = renderReport(tree, dir, gitops);
  out(options.json ? JSON.stringify(report, null, 2) : summary(report));
  return EXIT.ok;
}
