import * as fs from "node:fs";
import * as path from "node:path";
import { outputDir, refuseForeignDirectory, refuseOtherFileSystems, RenderTargetError } from "./output-dir";
import { RenderError, type RenderedTree } from "./render-tree";
import { MANIFEST_FILE, manifestText, ownedFiles } from "./render-manifest";
import { withRenderLock } from "./render-lock";

/**
 * A test hook: after writing this many files of the new tree, the render says so on stderr and waits (a
 * minute), so a test can kill it mid-write by its pid (tests/render-safety.test.ts).
 */
const PAUSE_AFTER_FILES = "STRATA_RENDER_PAUSE_AFTER_FILES";

function pauseIfAsked(written: number): void {
  if (Number(process.env[PAUSE_AFTER_FILES]) !== written) return;
  process.stderr.write(`strata render: paused after ${written} files (${PAUSE_AFTER_FILES})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/** Writes the tree's files under `dir` (which exists), each directory made once, the manifest last. */
function writeFiles(tree: RenderedTree, dir: string): void {
  const made = new Set<string>([dir]);
  let written = 0;
  for (const [file, text] of tree.files) {
    const target = path.join(dir, file);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(target, text);
    pauseIfAsked(++written);
  }
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), manifestText(tree.stack, tree.files.keys()));
}

/** What lies beside `dir` while a render writes it: the new tree, then the old one. */
const BESIDE = (dir: string) => new RegExp(`^\\.${path.basename(dir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.strata-(new|old)-\\d+-`);

/** A directory beside `dir`, on the same file system, named after it and unique to this process. */
function besideName(dir: string, role: "new" | "old"): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.strata-${role}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * What a render killed mid-write left beside `dir` (called holding the lock, so nobody is writing): a new
 * tree is removed; an old tree whose new one never came (killed between the two renames) goes back.
 */
function recoverInterrupted(dir: string): void {
  const parent = path.dirname(dir);
  const pattern = BESIDE(dir);
  for (const entry of fs.readdirSync(parent)) {
    const role = pattern.exec(entry)?.[1];
    if (!role) continue;
    const beside = path.join(parent, entry);
    if (role === "old" && !fs.existsSync(dir)) fs.renameSync(beside, dir);
    else fs.rmSync(beside, { recursive: true, force: true });
  }
}

/** Refuses a tree that would replace a file (or need a directory where a file is) the previous render did not write. */
function refuseCollisions(tree: RenderedTree, dir: string, owned: ReadonlySet<string>): void {
  for (const file of [...tree.files.keys()]) {
    const parts = file.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const at = parts.slice(0, i).join("/");
      const stat = fs.lstatSync(path.join(dir, at), { throwIfNoEntry: false });
      if (!stat) break;
      const needsDirectory = i < parts.length;
      if (needsDirectory ? !stat.isDirectory() : !owned.has(at)) {
        throw new RenderError(`${path.join(dir, at)} was not written by strata render (not in ${MANIFEST_FILE}): refusing to replace it; move it away`);
      }
    }
  }
}

/**
 * Carries what is not the render's from the old tree `from` into the new one `to`: directories made with
 * their modes, files hard-linked (copied where links are refused), symlinks as they are. A directory left
 * empty once the render's files are set aside is not carried.
 */
function carryUnowned(from: string, to: string, owned: ReadonlySet<string>, rel = ""): number {
  let carried = 0;
  for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const file = rel ? `${rel}/${entry.name}` : entry.name;
    if (file === MANIFEST_FILE || owned.has(file)) continue;
    const source = path.join(from, file);
    const target = path.join(to, file);
    if (entry.isDirectory()) {
      const before = fs.existsSync(target);
      if (!before) fs.mkdirSync(target);
      const inside = carryUnowned(from, to, owned, file);
      const heldOwned = [...owned].some((o) => o.startsWith(`${file}/`));
      if (!before && inside === 0 && heldOwned) fs.rmdirSync(target);
      else {
        fs.chmodSync(target, fs.statSync(source).mode & 0o7777);
        carried++;
      }
    } else if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(source), target);
      carried++;
    } else {
      try {
        fs.linkSync(source, target);
      } catch (e) {
        // Refused before the swap (refuseOtherFileSystems); a mount made since is refused here, never copied.
        if ((e as NodeJS.ErrnoException).code === "EXDEV") throw new RenderTargetError(`${source} is on another file system (a mount): a render never carries files across file systems`);
        // A link the system refuses on the same file system (protected_hardlinks, a full link count): a copy.
        fs.cpSync(source, target, { preserveTimestamps: true });
      }
      carried++;
    }
  }
  return carried;
}

/**
 * Whether `dir` holds this very render already: its manifest lists exactly these files and each has the
 * text rendered now. Then nothing is written: a re-render of an unchanged stack (CI checking that the
 * committed tree is current) touches no file and costs reading the tree, not rewriting and deleting it.
 */
function holdsTree(tree: RenderedTree, dir: string, owned: ReadonlySet<string>): boolean {
  if (owned.size !== tree.files.size) return false;
  const read = (file: string) => {
    try {
      return fs.readFileSync(path.join(dir, file), "utf8");
    } catch {
      return undefined; // no manifest (a render from before manifests): written again, with one
    }
  };
  if (read(MANIFEST_FILE) !== manifestText(tree.stack, tree.files.keys())) return false;
  for (const [file, text] of tree.files) if (!owned.has(file) || read(file) !== text) return false;
  return true;
}

const cannotMove = (e: unknown) => ["EXDEV", "EBUSY", "EPERM", "EACCES", "EROFS"].includes((e as NodeJS.ErrnoException).code ?? "");

/** Replaces the render's files in `dir` itself (where nothing can be made beside it or it cannot be renamed): not atomic. */
function writeInPlace(tree: RenderedTree, dir: string, owned: ReadonlySet<string>): void {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir);
  for (const file of owned) fs.rmSync(path.join(dir, file), { force: true });
  for (const file of owned) {
    // Directories the removed files leave empty go too (never `dir` itself).
    for (let at = path.dirname(file); at !== "."; at = path.dirname(at)) {
      const full = path.join(dir, at);
      if (!fs.existsSync(full) || fs.readdirSync(full).length) break;
      fs.rmdirSync(full);
    }
  }
  writeFiles(tree, dir);
}

function writeBesideAndSwap(tree: RenderedTree, target: string, owned: ReadonlySet<string>): void {
  const staged = besideName(target, "new");
  try {
    fs.mkdirSync(staged);
  } catch (e) {
    if (!cannotMove(e)) throw e;
    return writeInPlace(tree, target, owned);
  }
  const hadOld = fs.existsSync(target);
  try {
    if (hadOld) carryUnowned(target, staged, owned);
    writeFiles(tree, staged);
    if (hadOld) fs.chmodSync(staged, fs.statSync(target).mode & 0o7777);
  } catch (e) {
    fs.rmSync(staged, { recursive: true, force: true });
    throw e;
  }

  const old = besideName(target, "old");
  try {
    if (hadOld) fs.renameSync(target, old);
  } catch (e) {
    fs.rmSync(staged, { recursive: true, force: true });
    if (!cannotMove(e)) throw e;
    return writeInPlace(tree, target, owned);
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

/**
 * Writes a rendered tree to `dir` (`--out`; `projectDir`, when given, is refused as one, see outputDir).
 *
 * The render owns only what it wrote: the files its manifest (`.strata-render.json`) lists. Those are
 * replaced (a file no longer rendered goes); anything else in `dir` stays, and a file of the new tree that
 * would replace one of them is refused. The new tree, with everything else carried over, is written beside
 * the old one and swapped in by two renames, so an interrupted render leaves the old tree whole (the next
 * render clears what it left beside). A lock beside `dir` makes a concurrent render fail. Where `dir` cannot
 * be renamed (a mount point) or nothing can be made beside it, the render's files are replaced in place.
 * A tree that already holds exactly this render is left as it is.
 * Refused, nothing written: a directory holding files but no render, and one holding a mount (the swap
 * would copy the mount's files and remove them with the old tree).
 */
export function writeTree(tree: RenderedTree, dir: string, projectDir?: string): void {
  const target = outputDir(dir, projectDir);
  // Refused before anything is made (a lock beside a home directory); again under the lock, which decides.
  refuseForeignDirectory(target, dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  withRenderLock(target, () => {
    recoverInterrupted(target);
    if (!fs.existsSync(target)) return writeBesideAndSwap(tree, target, new Set());
    refuseForeignDirectory(target, dir);
    refuseOtherFileSystems(target, dir);
    const owned = ownedFiles(target);
    refuseCollisions(tree, target, owned);
    if (holdsTree(tree, target, owned)) return;
    // The output is a mount point itself: it cannot be renamed, and a tree beside it is on another file system.
    if (fs.statSync(target).dev !== fs.statSync(path.dirname(target)).dev) return writeInPlace(tree, target, owned);
    writeBesideAndSwap(tree, target, owned);
  });
}
