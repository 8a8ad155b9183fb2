import type { JsonSchema } from "./crd-catalog";
import { mapChildren } from "./schema-children";

/**
 * Keywords that describe a value without constraining it for ajv: annotations, and the Kubernetes
 * extensions (strictSchema has already turned the ones that constrain into JSON Schema).
 */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "$comment"]);
const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-kubernetes-");

/**
 * A schema without its annotations (descriptions, titles, examples, `x-kubernetes-*`), in every subschema: ajv's standalone
 * code embeds the schema objects it refers to (an enum's allowed values are read from them), so the
 * operators' long field descriptions would otherwise make up most of a cached validator; and two copies of
 * one structure that differ only in their descriptions become equal, so they are shared. A property
 * *named* `description` stays: only schema keywords are dropped.
 */
export function withoutAnnotations(node: JsonSchema): JsonSchema {
  const out = mapChildren(node, withoutAnnotations);
  for (const key of Object.keys(out)) if (isAnnotation(key)) delete out[key];
  return out;
}
