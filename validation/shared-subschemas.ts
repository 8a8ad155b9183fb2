import { createHash } from "node:crypto";
import type { JsonSchema } from "./crd-catalog";
import { mapChildren } from "./schema-children";

/**
 * A schema whose repeated parts are written once: every subschema that occurs twice or more and is at least
 * `minLength` characters of JSON moves to `$defs` and each occurrence becomes a `$ref` to it. Operator CRDs
 * repeat the same large structures (a pod template's affinity, tolerations, volumes and containers appear
 * in PostgresCluster a dozen times); compiled with refs kept as calls (ajv's `inlineRefs: false`), each is
 * generated once, which makes the cached validators several times smaller to read and load. The verdicts are
 * the same: a `$ref` in place of a whole subschema validates exactly what the subschema did, at the same
 * instance path.
 */
export function shareRepeatedSubschemas(root: JsonSchema, minLength = 400): JsonSchema {
  const identities = new Map<JsonSchema, Identity>();
  const counts = new Map<string, number>();

  // Bottom-up: a subschema is known by the hash of its JSON with sorted keys and its children by their hashes.
  const identify = (node: JsonSchema): Identity => {
    const known = identities.get(node);
    if (known) return known;
    let length = 0;
    const own = stable(
      mapChildren(node, (child) => {
        const identity = identify(child);
        counts.set(identity.hash, (counts.get(identity.hash) ?? 0) + 1);
        length += identity.length;
        return new ChildHash(identity.hash) as unknown as JsonSchema;
      }),
    );
    const identity = { hash: createHash("sha256").update(own).digest("hex"), length: length + own.length };
    identities.set(node, identity);
    return identity;
  };
  identify(root);

  const names = new Map<string, string>();
  const defs: Record<string, JsonSchema> = {};
  const rewrite = (node: JsonSchema): JsonSchema =>
    mapChildren(node, (child) => {
      const { hash, length } = identities.get(child)!;
      if ((counts.get(hash) ?? 0) < 2 || length < minLength) return rewrite(child);
      let name = names.get(hash);
      if (name === undefined) {
        name = `s${names.size}`;
        names.set(hash, name);
        defs[name] = rewrite(child);
      }
      return { $ref: `#/$defs/${name}` };
    });
  const out = rewrite(root);
  return names.size ? { ...out, $defs: defs } : out;
}

interface Identity {
  hash: string;
  /** About the length of the subschema's JSON. */
  length: number;
}

/** A child subschema in its parent's key: its hash, written as it is. */
class ChildHash {
  constructor(readonly hash: string) {}
}

/** JSON with every object's keys sorted: equal schemas written in another key order get one key. */
function stable(value: unknown): string {
  if (value instanceof ChildHash) return `#${value.hash}`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
    .join(",")}}`;
}
