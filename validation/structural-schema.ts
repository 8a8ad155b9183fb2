import type { JsonSchema } from "./crd-catalog";

/**
 * A CRD version's structural schema as a JSON Schema for ajv that behaves like the API server with strict
 * field validation: an object accepts only the fields its schema declares, unless it preserves unknown
 * fields (`x-kubernetes-preserve-unknown-fields`) or is a map (`additionalProperties`); an embedded
 * resource (`x-kubernetes-embedded-resource`) also accepts apiVersion, kind and metadata; an int-or-string
 * accepts either. The root's metadata is left free here: it is checked against the official ObjectMeta.
 * Only the structural parts are tightened; value validations (allOf/anyOf/oneOf/not) are left as they are.
 */
export function strictSchema(root: JsonSchema): JsonSchema {
  const schema = tighten(root);
  const properties = { ...((schema.properties ?? {}) as Record<string, JsonSchema>) };
  properties.apiVersion ??= { type: "string" };
  properties.kind ??= { type: "string" };
  properties.metadata = { type: "object" };
  return { ...schema, properties };
}

function tighten(node: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...node };
  if (node["x-kubernetes-int-or-string"] === true && !node.anyOf && !node.type) out.anyOf = [{ type: "integer" }, { type: "string" }];
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties as Record<string, JsonSchema>).map(([k, v]) => [k, tighten(v)]));
  }
  if (node.items && typeof node.items === "object" && !Array.isArray(node.items)) out.items = tighten(node.items as JsonSchema);
  if (node.additionalProperties && typeof node.additionalProperties === "object") out.additionalProperties = tighten(node.additionalProperties as JsonSchema);

  const isObject = node.type === "object";
  if (isObject && node["x-kubernetes-embedded-resource"] === true) {
    out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...((out.properties ?? {}) as object) };
  }
  if (isObject && node["x-kubernetes-preserve-unknown-fields"] !== true && node.additionalProperties === undefined) out.additionalProperties = false;
  // Rules are evaluated separately, with a CEL evaluator; they are no JSON Schema keyword.
  delete out["x-kubernetes-validations"];
  return out;
}
