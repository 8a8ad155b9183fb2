import * as path from "node:path";

/**
 * Where Strata keeps what it can compute again (parsed CRDs, compiled CRD validators, Node's compiled
 * modules): `STRATA_CACHE_DIR` when set, else `node_modules/.cache/strata` of the project that installed
 * Strata's dependencies (found from one of them: the same from sources and from dist/). Deleting it only
 * makes the next run slower.
 */
export function strataCacheDir(name: string): string {
  const root = process.env.STRATA_CACHE_DIR || path.resolve(path.dirname(require.resolve("ajv/package.json")), "..", ".cache", "strata");
  return path.join(root, name);
}
