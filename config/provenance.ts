import type { Overlaid } from "./overlays";
import { isObject, type Raw } from "./raw";

/**
 * Where each value of a stack's effective config comes from (`strata config show`): the stack file, a
 * default (a default layer, topic or extension; a field's default), or the profile (a value that is another
 * when the profile is).
 */

export type ValueSource = "stack file" | "Pulumi.yaml" | "default" | "profile";

export interface SourcedValue {
  /** Its key as a stack file writes it, without the namespace: `layers[4].capacityClass`. */
  key: string;
  value: unknown;
  source: ValueSource;
  /** Where the stack file holds it, when that is another key (an overlay's entry: `layers[0].capacityClass`). */
  stackKey?: string;
}

/** A value shown whole: a scalar, an empty object or list, a list of scalars (`peers`, `command`). */
const isLeaf = (v: unknown) => !isObject(v) && !(Array.isArray(v) && v.some((e) => isObject(e) || Array.isArray(e))) || (isObject(v) && !Object.keys(v).length);

/** Every leaf of a value, by key path. */
export function leaves(value: unknown, at = ""): [string, unknown][] {
  if (isLeaf(value)) return at ? [[at, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${at}[${i}]`));
  return Object.entries(value as Raw).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

function valueAt(value: unknown, key: string): { found: boolean; value?: unknown } {
  let current: unknown = value;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current) && part in current) current = current[part];
    else return { found: false };
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

/**
 * The stack's config as composed, each leaf with its source: the stack file's keys, and the overlaid lists
 * whole (`overlaid` expanded with every list), an entry's field from the stack file where its entry says it.
 */
export function sourcedConfig(stack: Raw, overlaid: Pick<Overlaid, "raw" | "origins">): SourcedValue[] {
  return leaves(overlaid.raw).map(([key, value]) => {
    for (const [list, origins] of overlaid.origins) {
      const m = new RegExp(`^${list.replace(/\./g, "\\.")}\\[(\\d+)\\](.*)$`).exec(key);
      if (!m) continue;
      const origin = origins[Number(m[1])];
      const stackKey = origin.stackIndex === undefined ? undefined : `${list}[${origin.stackIndex}]${m[2]}`;
      const fromStack = stackKey !== undefined && (valueAt(stack, stackKey).found || (m[2] === "" && origin.defaultName === undefined));
      return fromStack ? { key, value, source: "stack file" as const, ...(stackKey !== key ? { stackKey } : {}) } : { key, value, source: "default" as const };
    }
    return { key, value, source: valueAt(stack, key).found ? ("stack file" as const) : ("default" as const) };
  });
}

/** A key with each list index replaced by its entry's name where it has one (`layers[l2-dialogue].replicas`): lists match by name. */
export function namedKey(root: unknown, key: string): string {
  let current: unknown = root;
  let out = "";
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      const entry = current[Number(part)];
      out += isObject(entry) && typeof entry.name === "string" ? `[${entry.name}]` : `[${part}]`;
      current = entry;
    } else {
      out += out ? `.${part}` : part;
      current = isObject(current) ? current[part] : undefined;
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A resolved spec's leaves, each with its source: the stack file where the composed config holds the same
 * value from it at the same key (list entries matched by name), the profile where the spec resolved under
 * the other profile differs there, else a default. `otherProfile`: undefined when the config does not
 * resolve under the other profile (then nothing is said to come from the profile).
 */
export function sourcedSpec(spec: unknown, composed: { raw: unknown; values: SourcedValue[] }, otherProfile: unknown): SourcedValue[] {
  const fromStack = new Map(composed.values.filter((v) => v.source === "stack file").map((v) => [namedKey(composed.raw, v.key), v]));
  const other = otherProfile === undefined ? undefined : new Map(leaves(otherProfile).map(([k, v]) => [namedKey(otherProfile, k), v]));
  return leaves(spec).map(([key, value]): SourcedValue => {
    const named = namedKey(spec, key);
    const stacked = fromStack.get(named);
    if (stacked && same(stacked.value, value)) {
      const stackKey = stacked.stackKey ?? stacked.key;
      return { key, value, source: "stack file", ...(stackKey !== key ? { stackKey } : {}) };
    }
    if (other?.has(named) && !same(other.get(named), value)) return { key, value, source: "profile" };
    return { key, value, source: "default" };
  });
}
