import type { JsonSchema } from "./crd-catalog";

/** The subschemas directly below a node (where JSON Schema puts schemas), replaced by `f` of each. */
export function mapChildren(node: JsonSchema, f: (child: JsonSchema) => JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  const isSchema = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);
  for (const map of ["properties", "patternProperties"] as const) {
    const children = node[map] as Record<string, unknown> | undefined;
    if (isSchema(children)) out[map] = Object.fromEntries(Object.entries(children).map(([k, v]) => [k, isSchema(v) ? f(v) : v]));
  }
  for (const one of ["items", "additionalProperties", "not"] as const) if (isSchema(node[one])) out[one] = f(node[one] as JsonSchema);
  for (const list of ["items", "allOf", "anyOf", "oneOf"] as const) {
    const children = node[list];
    if (Array.isArray(children)) out[list] = children.map((v: unknown) => (isSchema(v) ? f(v) : v));
  }
  return out;
}
