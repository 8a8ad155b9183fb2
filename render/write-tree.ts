import * as fs from "node:fs";
import * as path from "node:path";
import { KUSTOMIZATION_FILE, RenderError, type RenderedTree } from "./render-tree";

/** Whether `dir` holds a previous render (its top kustomization.yaml carries the render header). */
function isPreviousRender(dir: string): boolean {
  const top = path.join(dir, KUSTOMIZATION_FILE);
  return fs.existsSync(top) && fs.readFileSync(top, "utf8").startsWith("# Rendered by `strata render");
}

/** Writes the tree's files under `dir` (which exists), each directory made once. */
function writeFiles(tree: RenderedTree, dir: string): void {
  const made = new Set<string>([dir]);
  for (const [file, text] of tree.files) {
    const target = path.join(dir, file);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(target, text);
  }
}

/** A directory beside `dir`, on the same file system, named after it and unique to this process. */
function besideName(dir: string, role: "new" | "old"): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.strata-${role}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * Writes a rendered tree to `dir`, replacing a previous render there entirely (so that an object removed
 * from the desired state disappears from the tree). Refuses any other non-empty directory.
 *
 * The new tree is written beside the old one and swapped in by renaming: until it is complete the old tree
 * is untouched (an interrupted render leaves it as it was, plus a `.<dir>.strata-new-*` directory beside
 * it), and the old tree goes as one directory. A symlinked `dir` keeps its link: the directory it points to
 * is swapped. Where `dir` cannot be renamed (a mount point), the tree is written in place.
 */
export function writeTree(tree: RenderedTree, dir: string): void {
  let target = path.resolve(dir);
  if (fs.existsSync(target)) {
    target = fs.realpathSync(target);
    if (!fs.statSync(target).isDirectory()) throw new RenderError(`${dir} is not a directory`);
    if (fs.readdirSync(target).length > 0 && !isPreviousRender(target)) throw new RenderError(`${dir} is not empty and holds no previous render: refusing to overwrite it`);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
  }

  // Where nothing can be made beside `dir` (a read-only parent) or `dir` cannot be renamed (a mount point),
  // its content is replaced in place, as a render did before it wrote beside.
  const inPlace = () => {
    if (!fs.existsSync(target)) fs.mkdirSync(target);
    for (const entry of fs.readdirSync(target)) fs.rmSync(path.join(target, entry), { recursive: true, force: true });
    writeFiles(tree, target);
  };
  const cannotMove = (e: unknown) => ["EXDEV", "EBUSY", "EPERM", "EACCES", "EROFS"].includes((e as NodeJS.ErrnoException).code ?? "");

  const staged = besideName(target, "new");
  try {
    fs.mkdirSync(staged);
  } catch (e) {
    if (!cannotMove(e)) throw e;
    return inPlace();
  }
  try {
    writeFiles(tree, staged);
    if (fs.existsSync(target)) fs.chmodSync(staged, fs.statSync(target).mode & 0o7777);
  } catch (e) {
    fs.rmSync(staged, { recursive: true, force: true });
    throw e;
  }

  const old = besideName(target, "old");
  const hadOld = fs.existsSync(target);
  try {
    if (hadOld) fs.renameSync(target, old);
  } catch (e) {
    fs.rmSync(staged, { recursive: true, force: true });
    if (!cannotMove(e)) throw e;
    return inPlace();
  }
  try {
    fs.renameSync(staged, target);
  } catch (e) {
    if (hadOld) fs.renameSync(old, target);
    fs.rmSync(staged, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}
