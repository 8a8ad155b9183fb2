import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strataCacheDir } from "../platform/cache-dir";
import { forgetLoadedCrds } from "../validation/crd-validator";

/**
 * The CRD cache a suite validates with: "cold" starts with no compiled validator (every CRD version in use
 * compiled, in parallel), "warm" loads what the cold suite compiled (nothing compiled). Both start with
 * the parsed CRD files of the default cache when it has them (parsing 19 MB of CRDs again proves nothing
 * about validators; tests/crd-cache.test.ts indexes from nothing). The cold suite runs first: both use one
 * directory per test process.
 */
export type CacheMode = "cold" | "warm";
export const CACHE_MODES: CacheMode[] = ["cold", "warm"];

let dir: string | undefined;

/** A fresh cache directory holding the default cache's parsed CRD files, and no validator. */
export function freshCacheDir(): string {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cache-"));
  const crds = strataCacheDir("crds");
  for (const part of ["stat", "files", "defs"]) {
    if (fs.existsSync(path.join(crds, part))) fs.cpSync(path.join(crds, part), path.join(fresh, "crds", part), { recursive: true });
  }
  return fresh;
}

/** Runs `action` with STRATA_CACHE_DIR (and, when given, STRATA_THREADS) set, and what this process loaded forgotten. */
export function withCacheDir<T>(cache: string, action: () => T, threads?: number): T {
  const saved = { STRATA_CACHE_DIR: process.env.STRATA_CACHE_DIR, STRATA_THREADS: process.env.STRATA_THREADS };
  process.env.STRATA_CACHE_DIR = cache;
  if (threads) process.env.STRATA_THREADS = String(threads);
  forgetLoadedCrds();
  try {
    return action();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    forgetLoadedCrds();
  }
}

/** Hooks that run the enclosing suite with the CRD cache in `mode`, and restore the default after it. */
export function useCrdCache(mode: CacheMode): void {
  let previous: string | undefined;
  before(() => {
    if (mode === "cold") dir = freshCacheDir();
    else if (!dir) throw new Error("a warm suite runs after a cold one has filled its cache");
    previous = process.env.STRATA_CACHE_DIR;
    process.env.STRATA_CACHE_DIR = dir;
    forgetLoadedCrds();
  });
  after(() => {
    if (previous === undefined) delete process.env.STRATA_CACHE_DIR;
    else process.env.STRATA_CACHE_DIR = previous;
    forgetLoadedCrds();
  });
}
