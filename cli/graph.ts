import * as fs from "node:fs";
import * as path from "node:path";
import { formatConfigIssues } from "../config";
import { graphFormats, isGraphFormat, stackGraph } from "../render/graph";
import { stackDesiredState } from "../render/render-stack";
import { EXIT } from "./exit";

export interface GraphCommandOptions {
  stack: string;
  format: string;
  flows?: boolean;
  /** A file to write; absent: standard output. */
  out?: string;
  projectDir: string;
}

/** What is wrong with the options before anything is read: a usage error (exit 2), or undefined. */
export function graphOptionProblem(options: Pick<GraphCommandOptions, "format" | "out">): string | undefined {
  if (!isGraphFormat(options.format)) return `--format must be one of ${Object.keys(graphFormats).join(", ")}, not ${JSON.stringify(options.format)}`;
  if (options.out !== undefined) {
    const target = path.resolve(options.out);
    if (options.out.trim() === "") return "--out is empty: give a file name";
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) return `--out ${options.out} is a directory: give a file name`;
    // The nearest existing path above: a file there (ENOTDIR on write) is no directory to write in.
    let above = path.dirname(target);
    while (!fs.existsSync(above) && path.dirname(above) !== above) above = path.dirname(above);
    if (!fs.statSync(above).isDirectory()) return `--out ${options.out} lies under ${above}, which is a file, not a directory`;
    if (!fs.existsSync(path.dirname(target))) return `--out ${options.out}: directory ${path.dirname(target)} does not exist`;
  }
  return undefined;
}

/** `strata graph`: the stack as a picture (Mermaid, DOT, SVG or a self-contained HTML page). */
export function graph(options: GraphCommandOptions, out: (text: string) => void, err: (text: string) => void): number {
  const problem = graphOptionProblem(options);
  if (problem) {
    err(`strata graph: ${problem}`);
    return EXIT.invalidConfig;
  }
  const state = stackDesiredState(options.projectDir, options.stack);
  if (!state.ok) {
    err(`strata graph: stack ${state.stack}: ${formatConfigIssues(state.issues, state.namespace)}`);
    return EXIT.invalidConfig;
  }
  const text = graphFormats[options.format as keyof typeof graphFormats](stackGraph({ stack: options.stack, spec: state.spec, desiredState: state.layers, flows: options.flows ?? false }));
  if (options.out === undefined) out(text.replace(/\n$/, ""));
  else fs.writeFileSync(path.resolve(options.out), text);
  return EXIT.ok;
}
