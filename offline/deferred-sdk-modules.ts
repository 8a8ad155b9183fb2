import Module from "node:module";
import * as path from "node:path";

/**
 * Importing `@pulumi/pulumi` loads its Automation API (the SDK's driver for the Pulumi CLI) and its closure
 * serializer (with npm's Arborist and sigstore behind it): 560 of its 770 modules, four fifths of its load
 * time, none of which a program uses. For the offline runner those modules are loaded on first use instead:
 * the module cache holds a stand-in for each that loads the real module the first time anything reads from
 * or calls into it. Nothing else changes, and no loader hook is involved; a module the SDK no longer has is
 * simply not deferred. Must run before the SDK is first imported: cli/check.ts and offline/run.ts import
 * this module first.
 */

/** The same for a module whose requirer copies its functions at once: each function loads it when called. */
function callsOnFirstUse(load: () => Record<string, (...args: unknown[]) => unknown>, functions: string[]): object {
  return Object.fromEntries(
    functions.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        return Reflect.apply(load()[name], this, args);
      },
    ]),
  );
}

/** A module object that loads the real one when first read; "__esModule" is answered without loading, so the SDK's index keeps it as it is (__importStar). */
function readsOnFirstUse(load: () => object): object {
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : Reflect.get(load(), key)),
      has: (_, key) => key === "__esModule" || Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

/**
 * The SDK's modules a program never uses (relative to the SDK), with the functions their requirer copies at
 * once (none: it keeps the module object).
 */
const DEFERRED: [string, string[]?][] = [
  [path.join("automation", "index.js")],
  // Closure serialization (functions serialized for dynamic providers), with npm's Arborist and sigstore behind it.
  [path.join("runtime", "closure", "serializeClosure.js"), ["serializeFunctionAsync", "serializeFunction"]],
  [path.join("runtime", "closure", "codePaths.js"), ["computeCodePaths"]],
];

const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
for (const [file, functions] of DEFERRED) {
  const filename = path.join(sdk, file);
  if (require.cache[filename]) continue;
  let real: object | undefined;
  const load = () => {
    if (!real) {
      delete require.cache[filename];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(filename) as object;
    }
    return real;
  };
  const standIn = new Module(filename, module);
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = functions ? callsOnFirstUse(load as () => Record<string, (...args: unknown[]) => unknown>, functions) : readsOnFirstUse(load);
  require.cache[filename] = standIn;
}
