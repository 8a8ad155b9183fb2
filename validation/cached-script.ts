import * as vm from "node:vm";
import { readCached, writeCached } from "./crd-cache";

/**
 * Generated code kept on disk (the CRD validators, the bundled Kubernetes schemas) is loaded as a script with
 * V8's code cache beside it: a warm process neither parses nor compiles it.
 */

/** Scripts loaded without a usable code cache: theirs is written once they have run (saveCodeCaches). */
const withoutCodeCache = new Map<string, vm.Script>();

/** Runs `source` (a function expression, usually) and returns its value; `codeCacheFile` is where its code cache is kept. */
export function runCachedScript(source: string, codeCacheFile: string, filename: string): unknown {
  const codeCache = readCached(codeCacheFile, null);
  const script = new vm.Script(source, { filename, ...(codeCache ? { cachedData: codeCache } : {}) });
  if (!codeCache || script.cachedDataRejected) withoutCodeCache.set(codeCacheFile, script);
  return script.runInThisContext();
}

/**
 * Writes V8's code cache of the scripts loaded without one, after they have run (so it holds the functions
 * they compiled on the way): the next process skips parsing and compiling them.
 */
export function saveCodeCaches(): void {
  for (const [file, script] of withoutCodeCache) writeCached(file, script.createCachedData());
  withoutCodeCache.clear();
}

