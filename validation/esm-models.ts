import { createRequire, registerHooks, type ResolveFnOutput } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * kubernetes-models 5 and its @kubernetes-models/* dependencies are ES modules whose export maps offer only
 * the "import" condition, so `require("kubernetes-models/apps/v1")` is refused. Their files are plain
 * synchronous ESM, which Node 22's require() loads by file path; and where a loader turns them into CommonJS
 * (tsx, under the tests), their own `@kubernetes-models/*` imports are resolved with the "import" condition
 * by the one resolve hook below (that scope only). The CLI's lazy, synchronous validators keep loading one
 * apiVersion module on demand that way.
 */
// module.registerHooks: Node 22.15+ (package.json engines).
const MODELS = /^@kubernetes-models\//;
const MODEL_FILES = /\/node_modules\/(kubernetes-models|@kubernetes-models\/[^/]+)\//;
let hooked = false;

function hookModelsResolution(): void {
  if (hooked) return;
  hooked = true;
  const resolved = new Map<string, ResolveFnOutput>();
  registerHooks({
    resolve: (specifier, context, nextResolve) => {
      // The models' schema files import each other by relative path: a URL join, without the default
      // resolver's file system walk (hundreds of files per kind). Bare specifiers resolve once per process.
      if (context.parentURL && MODEL_FILES.test(context.parentURL) && (specifier.startsWith("./") || specifier.startsWith("../"))) {
        return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
      }
      if (!MODELS.test(specifier)) return nextResolve(specifier, context);
      const known = resolved.get(specifier);
      if (known) return { ...known, shortCircuit: true };
      const result = nextResolve(specifier, { ...context, conditions: ["import", ...(context.conditions ?? [])] });
      resolved.set(specifier, result);
      return result;
    },
  });
}

export const packageDir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/** Whether kubernetes-models has this file (a path inside the package, e.g. `apps/v1/Deployment.js`). */
export function modelFileExists(subpath: string): boolean {
  return fs.existsSync(path.join(packageDir("kubernetes-models"), subpath));
}

export function requireModelFile(pkg: "kubernetes-models" | "@kubernetes-models/apimachinery", subpath: string): Record<string, unknown> {
  hookModelsResolution();
  const dir = packageDir(pkg);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, subpath.endsWith(".js") ? subpath : `${subpath}/index.js`)) as Record<string, unknown>;
}

/**
 * @kubernetes-models/validate (its export map offers "import" only): `runValidateFunc` and `formats`, the copy
 * kubernetes-models' own modules import (resolved from kubernetes-models, not from Strata).
 */
export function requireValidatePackage(): ValidatePackage {
  if (!validatePackage) {
    hookModelsResolution();
    validatePackage = createRequire(path.join(packageDir("kubernetes-models"), "package.json"))("@kubernetes-models/validate") as ValidatePackage;
  }
  return validatePackage;
}
type ValidatePackage = { runValidateFunc(fn: unknown, data: unknown): void; formats: Record<string, unknown> };
// Asked for by every bundled schema module that imports `formats`: resolved once.
let validatePackage: ValidatePackage | undefined;
