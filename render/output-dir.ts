import * as fs from "node:fs";
import * as path from "node:path";
import { INSIDE_LOCK_FILE } from "./render-lock";
import { isPreviousRender } from "./render-manifest";
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
 * point anywhere); `/`; the project root, or a directory holding it; an empty `out`. A directory that holds
 * files but no render is refused later, holding the lock (refuseForeignDirectory).
 */
export function outputDir(out: string, projectDir?: string): string {
  // path.resolve("") is the current directory: an empty --out (an unset variable) would render into it.
  if (out.trim() === "") throw new RenderTargetError(`--out is empty: give a directory of its own, e.g. rendered/<stack>`);
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

/**
 * Refuses (one line) a directory that holds entries but no render: neither a manifest nor a pre-manifest
 * render's top kustomization.yaml (see isPreviousRender). A new or empty directory, or a previous render's,
 * is the render's to write; anything else (a home directory, the current one, a repository) is the user's,
 * and the swap would carry it through a copy.
 */
export function refuseForeignDirectory(target: string, out: string): void {
  const entries = fs.existsSync(target) ? fs.readdirSync(target) : [];
  if (entries.every((e) => e === INSIDE_LOCK_FILE) || isPreviousRender(target)) return;
  throw new RenderTargetError(`--out ${out} holds files that are not a render's: give a new or empty directory, or a previous render's`);
}

/**
 * Refuses (one line) a directory holding an entry on another file system than its own (a mount inside it):
 * the swap would copy what is on it into the new tree and then remove the old tree, the mount's files with
 * it. Symlinks are not followed: they are carried as links.
 */
export function refuseOtherFileSystems(target: string, out: string, rel = "", device = fs.statSync(target).dev): void {
  for (const entry of fs.readdirSync(path.join(target, rel), { withFileTypes: true })) {
    const file = rel ? `${rel}/${entry.name}` : entry.name;
    if (fs.lstatSync(path.join(target, file)).dev !== device) {
      throw new RenderTargetError(`--out ${out} holds ${file} on another file system (a mount): a render never carries files across file systems; unmount it or give another directory`);
    }
    if (entry.isDirectory()) refuseOtherFileSystems(target, out, file, device);
  }
}
