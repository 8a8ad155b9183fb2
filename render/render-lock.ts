import * as fs from "node:fs";
import * as path from "node:path";
import { RenderError } from "./render-tree";

/** Another render is writing the same directory: this one stops, writing nothing (one line, exit 1). */
export class RenderLockedError extends RenderError {}

/** The lock's name inside the directory, where nothing can be made beside it. */
export const INSIDE_LOCK_FILE = ".strata-render.lock";

/** The lock of renders into `target`: beside it (the directory itself is swapped), holding the holder's pid. */
export function lockPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.strata-lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function take(lock: string): boolean {
  try {
    fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/**
 * Runs `write` holding the lock of `target`. A lock whose holder is alive refuses the render; a lock left by a
 * render that died (killed mid-write) is taken over.
 */
export function withRenderLock<T>(target: string, write: () => T): T {
  let lock = lockPath(target);
  let taken: boolean;
  try {
    taken = take(lock);
  } catch (e) {
    // A parent the user cannot write (the render then writes in place): the lock goes inside the directory.
    if (!["EACCES", "EROFS", "EPERM"].includes((e as NodeJS.ErrnoException).code ?? "") || !fs.existsSync(target)) throw e;
    lock = path.join(target, INSIDE_LOCK_FILE);
    taken = take(lock);
  }
  if (!taken) {
    const holder = Number.parseInt(fs.readFileSync(lock, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new RenderLockedError(`another render (pid ${holder}) is writing ${target}: nothing was written (its lock: ${lock})`);
    }
    fs.rmSync(lock, { force: true });
    if (!take(lock)) throw new RenderLockedError(`another render is writing ${target}: nothing was written (its lock: ${lock})`);
  }
  try {
    return write();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
