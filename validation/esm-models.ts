import { registerHooks } from "node:module";
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
let hooked = false;

function hookModelsResolution(): void {
  if (hooked) return;
  hooked = true;
  registerHooks({
    resolve: (specifier, context, next) => (MODELS.test(specifier) ? next(specifier, { ...context, conditions: ["import", ...(context.conditions ?? [])] }) : next(specifier, context)),
  });
}

export function requireModelFile(pkg: "kubernetes-models" | "@kubernetes-models/apimachinery", subpath: string): Record<string, unknown> {
  hookModelsResolution();
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, subpath.endsWith(".js") ? subpath : `${subpath}/index.js`)) as Record<string, unknown>;
}
