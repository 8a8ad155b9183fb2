import { pointer } from "./schema-error";

/**
 * Unknown-field detection for validators that do not forbid them. kubernetes-models' validators are the
 * official OpenAPI schemas compiled by ajv, but without `additionalProperties: false`: an unknown field
 * passes. Those compiled validators read exactly the properties their schema declares (and enumerate the
 * keys of maps). So the object is handed to the validator behind a proxy that records every read; a key
 * that the validator never read in an object where it read any is a field the schema does not declare.
 * An object whose keys were enumerated is a map; one where nothing was read is free-form (or was never
 * reached because of an earlier error): neither can hold an unknown field.
 */

type Reads = Map<object, Set<string> | "map">;

export interface ReadTracker {
  /** The value to hand to the validator. */
  readonly tracked: unknown;
  /** Paths (JSON pointers) of the keys the validator never read. */
  unreadPaths(): string[];
}

export function trackReads(value: unknown): ReadTracker {
  const reads: Reads = new Map();
  const proxies = new WeakMap<object, object>();

  const track = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    const known = proxies.get(v);
    if (known) return known;
    const proxy = new Proxy(v, {
      get(target, key, receiver) {
        if (typeof key === "string" && !Array.isArray(target)) {
          const seen = reads.get(target);
          if (seen === undefined) reads.set(target, new Set([key]));
          else if (seen !== "map") seen.add(key);
        }
        return track(Reflect.get(target, key, receiver));
      },
      ownKeys(target) {
        if (!Array.isArray(target)) reads.set(target, "map");
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(v, proxy);
    return proxy;
  };

  const unread = (v: unknown, path: string, out: string[]): void => {
    if (!v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => unread(item, pointer(path, i), out));
      return;
    }
    const seen = reads.get(v);
    for (const [key, child] of Object.entries(v)) {
      if (seen instanceof Set && !seen.has(key)) out.push(pointer(path, key));
      else unread(child, pointer(path, key), out);
    }
  };

  return {
    tracked: track(value),
    unreadPaths() {
      const out: string[] = [];
      unread(value, "", out);
      return out;
    },
  };
}
