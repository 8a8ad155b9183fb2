import * as fs from "node:fs";
import * as path from "node:path";
import { RenderError } from "./render-tree";

/** An `--out` the render refuses before touching anything: a usage error (exit 2), said in one line. */
export class RenderTargetError extends RenderError {}

/** Whether `inner` is `outer` or lies under it. */
function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The deepest existing path at or above `target`. */
function existingAncestor(target: string): string {
  let at = target;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/**
 * The absolute directory a render of `projectDir`'s stack may write to, given as `out`. Refused (one line
 * each): a file, or a path through one; a symlink (the render swaps the directory itself, and a link may
 * point anywhere); `/`; the project root, or a directory holding it.
 */
export function outputDir(out: string, projectDir?: string): string {
  const target = path.resolve(out);
  // Under a file (ENOTDIR) there is nothing either: said below.
  const stat = fs.existsSync(path.dirname(target)) && fs.statSync(path.dirname(target)).isDirectory() ? fs.lstatSync(target, { throwIfNoEntry: false }) : undefined;
  if (stat?.isSymbolicLink()) throw new RenderTargetError(`--out ${out} is a symlink to ${fs.readlinkSync(target)}: give the directory itself`);
  if (stat && !stat.isDirectory()) throw new RenderTargetError(`--out ${out} is a file, not a directory`);
  const ancestor = existingAncestor(target);
  if (!fs.statSync(ancestor).isDirectory()) throw new RenderTargetError(`--out ${out} lies under ${ancestor}, which is a file, not a directory`);
  // Compared as the file system sees them: a link anywhere above either path resolves the same.
  const real = path.join(fs.realpathSync(ancestor), path.relative(ancestor, target));
  if (real === path.parse(real).root) throw new RenderTargetError(`--out ${out} is the root directory: give a directory of its own, e.g. rendered/<stack>`);
  const project = projectDir === undefined ? undefined : fs.realpathSync(path.resolve(projectDir));
  if (project !== undefined && within(project, real)) {
    throw new RenderTargetError(`--out ${out} is ${real === project ? "the project root" : "a directory holding the project"}: give a directory of its own, e.g. rendered/<stack>`);
  }
  return real;
}
