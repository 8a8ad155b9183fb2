import * as fs from "node:fs";
import * as path from "node:path";
import { runCachedScript } from "./cached-script";
import { readCached, sha256, writeCached } from "./crd-cache";
import { packageDir, requireValidatePackage } from "./esm-models";
import { buildModelBundle, entryName, type ModelEntry } from "./model-bundle";
import { strataCacheDir } from "../platform/cache-dir";

/**
 * The validators of the models a run needs, from one bundled script (model-bundle.ts) kept on disk by the
 * two packages' versions, this code and the set of models: a warm process reads one file and V8's code cache
 * for it instead of loading ~220 ES modules. A model the bundle does not hold is loaded as an ES module.
 */

export type ModelValidate = (data: unknown) => void;

let bundled: ((entry: string) => unknown) | undefined;
let runValidateFunc: ((fn: unknown, data: unknown) => void) | undefined;

const PACKAGES = ["kubernetes-models", "@kubernetes-models/apimachinery"] as const;

function bundleKey(entries: string[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const versions = PACKAGES.map((pkg) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
  const generator = [__filename, require.resolve("./model-bundle")].map((f) => fs.readFileSync(f, "utf8"));
  return sha256([...versions, ...generator, ...entries].join("\u0000"));
}

/**
 * Loads (building on a cold cache) the bundle of these models: once per process, with every model the run's
 * objects need (a CLI command validates once). Models a later call adds load as ES modules, as they did
 * before: a process validating many sets (the tests) does not build a bundle for each.
 */
export function prepareModelValidators(entries: ModelEntry[]): void {
  if (bundled) return;
  const names = [...new Set(entries.map(entryName))].sort();
  const key = bundleKey(names);
  const dir = strataCacheDir("models");
  const sourceFile = path.join(dir, `${key}.js`);
  const codeCacheFile = path.join(dir, `${key}.v8`);
  const load = (source: string) => (runCachedScript(source, codeCacheFile, `strata-models-${key.slice(0, 12)}.js`) as (ext: () => unknown) => (entry: string) => unknown)(() => requireValidatePackage());
  const cached = readCached(sourceFile);
  if (cached !== undefined) {
    try {
      bundled = load(cached);
      return;
    } catch {
      // A damaged entry (edited by hand?) is built again and replaced.
    }
  }
  const dirs = Object.fromEntries(PACKAGES.map((pkg) => [pkg, packageDir(pkg)])) as Record<ModelEntry["pkg"], string>;
  const { source } = buildModelBundle(entries, dirs);
  writeCached(sourceFile, source);
  bundled = load(source);
}

/** The bundled validator of a model, run as the model's `validate()` runs it (throws with ajv's `errors`); or undefined. */
export function bundledValidator(entry: Pick<ModelEntry, "pkg" | "file">): ModelValidate | undefined {
  const fn = bundled?.(entryName(entry));
  if (typeof fn !== "function") return undefined;
  runValidateFunc ??= requireValidatePackage().runValidateFunc;
  const run = runValidateFunc;
  return (data) => run(fn, data);
}
