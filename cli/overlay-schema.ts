import type { OverlaidList } from "../config/overlays";

/**
 * The overlay forms of `strata config-schema`: a list with defaults (config/overlays.ts) takes more than full
 * entries, so its items' schema is widened to every form the overlays accept. Each form is derived from the
 * full entry's schema (itself zod's), so that the editor schema cannot drift from what `strata check` reads:
 *
 * - a full entry, as the schema says it (an added entry must be one);
 * - an overlay entry, merged onto a default (by name, or nameless by index): every field optional at every
 *   object depth (objects merge key by key), and `null` allowed where it removes a default's value, i.e. on
 *   a field the full entry may leave out (removing a required one leaves the entry invalid);
 * - a removal, `{ name, remove: true }` and nothing else (for a list of strings too).
 */

export type SchemaNode = Record<string, unknown> & {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  description?: string;
};

const isNode = (v: unknown): v is SchemaNode => typeof v === "object" && v !== null && !Array.isArray(v);

/** `node` or null, where null removes the default's value; the description says so. */
function nullable(node: SchemaNode): SchemaNode {
  const said = node.description ? `${node.description} ` : "";
  return { anyOf: [node, { type: "null" }], description: `${said}In an overlay, null removes the default's value.` };
}

/**
 * What an overlay may say where the full entry says `node`: objects partial (and their optional fields
 * nullable) at every depth; lists and scalars as they are, since an overlay's list or scalar replaces.
 */
export function overlayOf(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { ...node };
  if (node.properties) {
    const required = new Set(node.required ?? []);
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, child]) => [key, required.has(key) ? overlayOf(child) : nullable(overlayOf(child))]),
    );
    delete out.required;
  }
  // A record's entries merge key by key as well (`env: { LOG_LEVEL: null }` removes one default variable).
  if (isNode(node.additionalProperties)) out.additionalProperties = nullable(overlayOf(node.additionalProperties));
  // A union's object branches are merged like any object; partial branches may overlap, so none is exclusive.
  const branches = (node.anyOf ?? node.oneOf) as SchemaNode[] | undefined;
  if (branches) {
    delete out.oneOf;
    out.anyOf = branches.map(overlayOf);
  }
  return out;
}

/** `{ name, remove: true }`: removes the default of that name; `name` is as the full entry's (or the string's) schema says. */
function removalOf(name: SchemaNode, noun: string): SchemaNode {
  return {
    type: "object",
    description: `Removes the default ${noun} of that name; the entry says nothing else.`,
    properties: {
      name: { ...name, description: `The default ${noun} to remove.` },
      remove: { const: true, description: `true: the default ${noun} named by name is removed.` },
    },
    required: ["name", "remove"],
    additionalProperties: false,
  };
}

/** The array schema at a list's key (`kafka.topics`) among the config's properties (keys as the schema names them). */
function arrayAt(properties: Record<string, SchemaNode>, key: string, prefix: string): SchemaNode {
  const [head, ...rest] = key.split(".");
  let node: SchemaNode | undefined = properties[`${prefix}${head}`];
  for (const field of rest) node = node?.properties?.[field];
  if (!node || node.type !== "array" || !isNode(node.items)) throw new Error(`the overlaid list ${key} is not an array in the stack schema`);
  return node;
}

/** The `name` field's schema of a list's objects (overlays match entries by it). */
function nameOf(entry: SchemaNode, key: string): SchemaNode {
  const name = entry.properties?.name;
  if (!name) throw new Error(`the entries of the overlaid list ${key} have no name field in the stack schema`);
  return name;
}

/** Widens the items of every overlaid list among `properties` (the config's, keys prefixed by `prefix`) to its overlay forms. */
export function addOverlayForms(properties: Record<string, SchemaNode>, lists: readonly OverlaidList[], prefix: string): void {
  for (const list of lists) {
    const array = arrayAt(properties, list.key, prefix);
    const full = array.items!;
    const forms: SchemaNode[] =
      list.entries === "strings"
        ? [full, removalOf(full, list.noun)]
        : [
            { ...full, description: `A whole ${list.noun}: one added after the defaults (or, named as a default, merged onto it).` },
            {
              ...overlayOf(full),
              description: `An overlay of a default ${list.noun}: named as it, or without a name for the default at the same index; its fields are merged onto the default's.`,
            },
            removalOf(nameOf(full, list.key), list.noun),
          ];
    array.items = {
      anyOf: forms,
      description: `${/^[aeiou]/.test(list.noun) ? "An" : "A"} ${list.noun}: merged onto the defaults by name (see docs/configuration.md "Overlays"); strata:replaceDefaults starts the list empty.`,
    };
  }
}
