import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { runCachedScript } from "./cached-script";
import { readCached, sha256, writeCached } from "./crd-cache";
import { packageDir, requireModelFile, requireValidatePackage } from "./esm-models";
import { buildModelBundle, entryName, type ModelEntry } from "./model-bundle";
import { strataCacheDir } from "../platform/cache-dir";
import { packageVersion, versionAbove } from "../platform/package-version";

/**
 * The validators of the models a run needs, from one bundled script (model-bundle.ts) kept on disk by the
 * two packages' versions, this code and the set of models: a warm process reads one file and V8's code cache
 * for it instead of loading ~220 ES modules. A model the bundle does not hold is loaded as an ES module.
 */

export type ModelValidate = (data: unknown) => void;

let bundled: ((entry: string) => unknown) | undefined;

/**
 * Where the packages are: kubernetes-models beside Strata, and the apimachinery its schema modules import
 * resolved from kubernetes-models (as its own imports resolve).
 */
function packageDirs(): Record<ModelEntry["pkg"], string> {
  const models = packageDir("kubernetes-models");
  const fromModels = createRequire(path.join(models, "package.json"));
  return { "kubernetes-models": models, "@kubernetes-models/apimachinery": path.dirname(fromModels.resolve("@kubernetes-models/apimachinery/package.json")) };
}

/** The bundle's key: the packages' versions, the code that writes it (and the lexer's version), the models. */
function bundleKey(dirs: Record<ModelEntry["pkg"], string>, entries: string[]): string {
  const versions = [...Object.entries(dirs).map(([pkg, dir]) => `${pkg}@${versionAbove(dir, pkg)}`), `es-module-lexer@${packageVersion("es-module-lexer")}`];
  const generator = [__filename, require.resolve("./model-bundle")].map((f) => fs.readFileSync(f, "utf8"));
  return sha256([...versions, ...generator, ...entries].join("\u0000"));
}

/** One entry per model, in one order: the key then decides the script byte for byte (and so its code cache). */
export function bundleOrder(entries: ModelEntry[]): ModelEntry[] {
  return [...new Map(entries.map((e) => [entryName(e), e])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/**
 * Loads (building on a cold cache) the bundle of these models: once per process, with every model the run's
 * objects need (a CLI command validates once). Models a later call adds load as ES modules, as they did
 * before: a process validating many sets (the tests) does not build a bundle for each.
 */
export function prepareModelValidators(entries: ModelEntry[]): void {
  if (bundled) return;
  const unique = bundleOrder(entries);
  const dirs = packageDirs();
  const key = bundleKey(dirs, unique.map(entryName));
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
  try {
    const { source } = buildModelBundle(unique, dirs);
    bundled = load(source);
    writeCached(sourceFile, source);
  } catch {
    // A bundle that cannot be built or run: every model loads as an ES module, as without the bundle.
    bundled = undefined;
  }
}

/** The bundled validator of a model, run as the model's `validate()` runs it (throws with ajv's `errors`); or undefined. */
function bundledValidator(entry: ModelEntry): ModelValidate | undefined {
  let fn: unknown;
  try {
    fn = bundled?.(entryName(entry));
  } catch {
    return undefined; // a module that fails as it is evaluated: that model loads as an ES module
  }
  if (typeof fn !== "function") return undefined;
  const { runValidateFunc } = requireValidatePackage();
  return (data) => runValidateFunc(fn, data);
}

/**
 * A model's validator: the bundled one, else the `validate()` of the class `exportName` of its ES module,
 * when that class declares the entry's apiVersion and kind (if it has them). Undefined when there is none.
 */
export function modelValidator(entry: ModelEntry, exportName: string): ModelValidate | undefined {
  const bundledOne = bundledValidator(entry);
  if (bundledOne) return bundledOne;
  const candidate = requireModelFile(entry.pkg, entry.file)[exportName];
  if (typeof candidate !== "function") return undefined;
  const model = candidate as unknown as { apiVersion?: string; kind?: string; prototype: { validate(this: unknown): void } };
  if ((entry.apiVersion !== undefined && model.apiVersion !== entry.apiVersion) || (entry.kind !== undefined && model.kind !== entry.kind)) return undefined;
  return (data) => model.prototype.validate.call(data);
}
