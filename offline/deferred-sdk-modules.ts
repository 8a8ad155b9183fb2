import Module from "node:module";
import * as path from "node:path";

/**
 * Importing `@pulumi/pulumi` loads its Automation API (the SDK's driver for the Pulumi CLI) and its closure
 * serializer (with npm's Arborist and sigstore behind it): 560 of its 770 modules, four fifths of its load
 * time, none of which a program uses. For the offline runner the SDK gets those modules on first use
 * instead: stand-ins that load the real module the first time anything reads from or calls into it.
 * Nothing else changes; where the SDK no longer requires them this way, it matches nothing. Installed before
 * the SDK is first imported: cli/check.ts and offline/run.ts import this module first.
 */

interface ModuleLoader {
  _load(request: string, parent: { filename?: string } | null | undefined, isMain: boolean): unknown;
}

function onFirstUse(load: () => object): object {
  let real: object | undefined;
  const module = () => (real ??= load());
  // "__esModule" answered without loading: the SDK's index then keeps the stand-in as it is (__importStar).
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : Reflect.get(module(), key)),
      has: (_, key) => key === "__esModule" || Reflect.has(module(), key),
      ownKeys: () => Reflect.ownKeys(module()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(module(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

/** The same for a module whose requirer copies its functions at once: each function loads it when called. */
function callsOnFirstUse(load: () => object, functions: string[]): object {
  let real: Record<string, (...args: unknown[]) => unknown> | undefined;
  const module = () => (real ??= load() as Record<string, (...args: unknown[]) => unknown>);
  return Object.fromEntries(
    functions.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        return Reflect.apply(module()[name], this, args);
      },
    ]),
  );
}

/**
 * What the SDK's modules require and a program never uses: the requiring file (relative to the SDK), the
 * request, and the functions its requirer copies at once (none: it keeps the module object).
 */
const DEFERRED: [string, string, string[]?][] = [
  ["index.js", "./automation"],
  // Closure serialization (functions serialized for dynamic providers), with npm's Arborist and sigstore behind it.
  [path.join("runtime", "index.js"), "./closure/serializeClosure", ["serializeFunctionAsync", "serializeFunction"]],
  [path.join("runtime", "index.js"), "./closure/codePaths", ["computeCodePaths"]],
];

const loader = Module as unknown as ModuleLoader;
if (!(loader._load as { defersSdkModules?: boolean }).defersSdkModules) {
  const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const deferred = new Map(DEFERRED.map(([parent, request, functions]) => [`${path.join(sdk, parent)}\u0000${request}`, functions]));
  const load = loader._load;
  loader._load = Object.assign(
    function (this: unknown, request: string, parent: { filename?: string } | null | undefined, isMain: boolean) {
      const key = `${parent?.filename}\u0000${request}`;
      if (deferred.has(key)) {
        const real = () => load.call(this, request, parent, isMain) as object;
        const functions = deferred.get(key);
        return functions ? callsOnFirstUse(real, functions) : onFirstUse(real);
      }
      return load.call(this, request, parent, isMain);
    },
    { defersSdkModules: true },
  );
}
