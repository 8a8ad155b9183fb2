import { z } from "zod";
import { CAPABILITIES } from "../capabilities/registry";
import { overlaidLists } from "../config/compose";
import { addOverlayForms } from "./overlay-schema";
import { stackConfigSchema } from "../stack/spec";

/**
 * `strata config-schema`: a JSON Schema of a whole stack file (Pulumi.<stack>.yaml), for the YAML language
 * server in editors: the `config` map with Strata's keys under the `strata:` prefix the stack files use, each
 * key described. A key's own description (zod's `.describe`/`.meta`) wins; a capability's key is described by
 * its summary; any other key by its path, type, constraints and default, derived from the same schema, so that
 * no key is left without one. The lists with defaults take their overlay forms too (cli/overlay-schema.ts).
 */

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node; description?: string };

export const CONFIG_PREFIX = "strata:";

/** The core keys (not capabilities'): what each holds. */
const CORE_DESCRIPTIONS: Record<string, string> = {
  profile: "dev | prod: picks the defaults (replicas, zone spread, PDBs, bucket retention); explicit keys override.",
  layers: "The application layers (default: L0–L5): each a namespace with its workload, placement, peers, data services and policies.",
  tenants: "Tenants: each gets its own copy (namespace set) of the per-tenant layers.",
};

function typeOf(node: Node): string {
  if (Array.isArray(node.enum)) return `one of ${(node.enum as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if (node.const !== undefined) return `exactly ${JSON.stringify(node.const)}`;
  if (typeof node.type === "string") return node.type;
  if (Array.isArray(node.type)) return (node.type as string[]).join(" or ");
  const alternatives = (node.anyOf ?? node.oneOf) as Node[] | undefined;
  if (alternatives) return alternatives.map(typeOf).join(" or ");
  return "any value";
}

function constraints(node: Node): string[] {
  const said: string[] = [];
  // zod's integers carry the safe-integer bounds: not a constraint worth saying.
  const bound = (v: unknown) => v !== undefined && Math.abs(v as number) < Number.MAX_SAFE_INTEGER;
  if (bound(node.minimum)) said.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) said.push(`> ${node.exclusiveMinimum}`);
  if (bound(node.maximum)) said.push(`≤ ${node.maximum}`);
  if (node.minLength !== undefined) said.push(`at least ${node.minLength} characters`);
  if (node.maxLength !== undefined) said.push(`at most ${node.maxLength} characters`);
  if (node.pattern !== undefined) said.push(`matching ${node.pattern}`);
  if (node.minItems !== undefined) said.push(`at least ${node.minItems} items`);
  if (node.maxItems !== undefined) said.push(`at most ${node.maxItems} items`);
  if (node.default !== undefined) said.push(`default ${JSON.stringify(node.default)}`);
  return said;
}

/** Describes every property below `node` that has no description (path: its stack-file key path). */
function describeAll(node: Node, keyPath: string): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childPath = `${keyPath}.${name}`;
    if (!child.description) child.description = [`${childPath}: ${typeOf(child)}`, ...constraints(child)].join(", ") + ".";
    describeAll(child, childPath);
  }
  if (node.items && typeof node.items === "object") describeAll(node.items, `${keyPath}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === "object") describeAll(node.additionalProperties as Node, `${keyPath}.*`);
  for (const key of ["anyOf", "oneOf", "allOf"]) for (const branch of (node[key] as Node[] | undefined) ?? []) describeAll(branch, keyPath);
}

/** The stack file's JSON Schema: `config` holds Strata's keys, prefixed, and leaves other namespaces alone. */
export function stackFileSchema(): Record<string, unknown> {
  const { $schema, ...config } = z.toJSONSchema(stackConfigSchema, { io: "input" }) as Node & { required?: string[] };
  const summaries = new Map<string, string>(CAPABILITIES.filter((c) => c.config).map((c) => [c.config!.key, c.summary]));
  const properties: Record<string, Node> = {};
  for (const [key, node] of Object.entries(config.properties ?? {})) {
    node.description ??= CORE_DESCRIPTIONS[key] ?? summaries.get(key);
    describeAll(node, `${CONFIG_PREFIX}${key}`);
    if (!node.description) node.description = `${CONFIG_PREFIX}${key}: ${typeOf(node)}.`;
    properties[`${CONFIG_PREFIX}${key}`] = node;
  }
  // After the descriptions: the overlay forms keep the full entry's, each field's saying what null does.
  addOverlayForms(properties, overlaidLists(CAPABILITIES), CONFIG_PREFIX);
  const known = Object.keys(properties);
  return {
    $schema,
    title: "Strata stack file (Pulumi.<stack>.yaml)",
    description: "A Pulumi stack file of a Strata project: Strata's keys under the strata: prefix; `strata check` validates the same rules.",
    type: "object",
    properties: {
      config: {
        type: "object",
        description: "The stack's config: Strata's keys (strata:…) and other providers' (such as aws:region).",
        properties,
        required: (config.required ?? []).map((k) => `${CONFIG_PREFIX}${k}`),
        // Unknown strata: keys are refused (as strata check refuses them); other namespaces are the providers'.
        propertyNames: { anyOf: [{ enum: known }, { not: { pattern: `^${CONFIG_PREFIX}` } }] },
      },
    },
    required: ["config"],
  };
}
