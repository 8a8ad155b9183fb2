import * as fs from "node:fs";
import * as path from "node:path";
import { RenderError } from "./render-error";

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

/**
 * How long a lock that holds no pid counts as held: a render of an older version made the file first and
 * wrote its pid after, so a reader can see it empty. Older than this, its maker died in between.
 */
export const EMPTY_LOCK_GRACE_MS = 10_000;

/** A file beside `lock` holding this process's pid, unique to the call: a lock is made whole, then put in place. */
function draft(lock: string): string {
  const file = `${lock}.${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
  return file;
}

/** Makes `lock` if there is none, atomically and never empty (a link of a whole file): whether it was made. */
function take(lock: string): boolean {
  const whole = draft(lock);
  try {
    fs.linkSync(whole, lock);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(whole, { force: true });
  }
}

interface SeenLock {
  ino: bigint;
  /** Undefined: the file holds no pid (empty, or not a number). */
  pid?: number;
  ageMs: number;
}

function readLock(lock: string): SeenLock | undefined {
  try {
    const stat = fs.statSync(lock, { bigint: true });
    const pid = Number.parseInt(fs.readFileSync(lock, "utf8"), 10);
    return { ino: stat.ino, pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, ageMs: Date.now() - Number(stat.mtimeMs) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Replaces the stale lock `seen` by this process's, if it is still that file. Takeovers are serialised by a
 * second lock (`<lock>.takeover`, held for a few milliseconds), so two renders that both judged the holder
 * dead cannot both take over: the second finds the lock is no longer the file it judged. A takeover lock
 * older than the grace period was left by a render killed while holding it, and is cleared (the next
 * attempt takes over).
 */
function takeOver(lock: string, seen: SeenLock): boolean {
  const guard = `${lock}.takeover`;
  if (!take(guard)) {
    const left = readLock(guard);
    if (left && left.ageMs > EMPTY_LOCK_GRACE_MS) fs.rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readLock(lock)?.ino !== seen.ino) return false;
    fs.renameSync(draft(lock), lock);
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function isHeld(seen: SeenLock): boolean {
  if (seen.pid === undefined) return seen.ageMs < EMPTY_LOCK_GRACE_MS;
  return seen.pid !== process.pid && isAlive(seen.pid);
}

function lockedError(target: string, lock: string, seen: SeenLock | undefined): RenderLockedError {
  const who = seen?.pid === undefined ? "another render" : `another render (pid ${seen.pid})`;
  const why = seen && seen.pid === undefined ? `, which holds no pid yet: a render is starting` : "";
  return new RenderLockedError(`${who} is writing ${target}: nothing was written (its lock: ${lock}${why})`);
}

/**
 * Runs `write` holding the lock of `target`. A lock whose holder is alive refuses the render, and so does a
 * lock without a pid younger than EMPTY_LOCK_GRACE_MS; a lock left by a render that died (killed mid-write)
 * is taken over, atomically (takeOver).
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
  let seen: SeenLock | undefined;
  // A few rounds: the lock may change hands between reading it and acting on what was read.
  for (let round = 0; !taken && round < 5; round++) {
    seen = readLock(lock);
    if (seen === undefined) taken = take(lock);
    else if (isHeld(seen)) throw lockedError(target, lock, seen);
    else taken = takeOver(lock, seen);
  }
  if (!taken) throw lockedError(target, lock, readLock(lock));
  try {
    return write();
  } finally {
    // Only its own: a lock taken over from this render (it was judged dead) is the other render's now.
    if (readLock(lock)?.pid === process.pid) fs.rmSync(lock, { force: true });
  }
}
