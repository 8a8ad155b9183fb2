import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { strataCacheDir } from "../platform/cache-dir";

/**
 * The on-disk cache of the CRD validation (under `strataCacheDir("crds")`): what a CRD file holds (by the
 * file's content hash), each CRD as JSON (by its own hash), and each served version's compiled validator
 * (by the CRD's hash, the version, and the generator: ajv's version and the code that shapes the schema).
 * Content-addressed: an entry is never stale, only unused; deleting the directory only makes the next run
 * slower.
 */

export const CRD_CACHE_DIR = () => strataCacheDir("crds");

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

export function cachePath(kind: "stat" | "files" | "defs" | "validators", name: string): string {
  return path.join(CRD_CACHE_DIR(), kind, name);
}

/** The entry's text, or undefined when it is not cached. */
export function readCached(file: string): string | undefined;
export function readCached(file: string, encoding: null): Buffer | undefined;
export function readCached(file: string, encoding: "utf8" | null = "utf8"): string | Buffer | undefined {
  try {
    return encoding ? fs.readFileSync(file, encoding) : fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes an entry whole or not at all (a temporary file renamed into place: a concurrent reader never sees
 * half of it). A read-only cache only makes the next run slower.
 */
export function writeCached(file: string, content: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } catch {
    // read-only or full: the caller keeps what it computed in memory
  }
}
