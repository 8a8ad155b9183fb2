import Module from "node:module";

/**
 * Puts a stand-in for a module into the module cache: the real module is loaded the first time anything
 * reads from the stand-in (or, for `functions`, calls one of them: for a requirer that copies the functions
 * at once). For modules a package loads eagerly and a command never uses. "__esModule" is answered without
 * loading, so TypeScript's and esbuild's `__importStar` keep the stand-in as it is. Does nothing when the
 * module is loaded already.
 */
export function deferModule(filename: string, functions?: string[]): void {
  if (require.cache[filename]) return;
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

/** A module object whose functions load the real module when called. */
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

/** A module object that loads the real one when first read. */
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
