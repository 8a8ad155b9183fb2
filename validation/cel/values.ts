import type { CelInput } from "@bufbuild/cel";
import type { JsonSchema } from "../crd-catalog";
import { celDuration } from "./environment";

/**
 * A JSON value as the CEL value Kubernetes binds to `self`, typed by its schema: `integer` (and an integer
 * of an int-or-string) is a CEL int, `number` a double, a string of `format: duration` a duration. Where
 * the schema says nothing (preserved unknown fields), whole numbers are ints.
 */
export function celValue(value: unknown, schema: JsonSchema | undefined): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    const integer = schema?.type === "integer" || schema?.["x-kubernetes-int-or-string"] === true || (schema?.type !== "number" && Number.isInteger(value));
    return integer && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === "string") {
    if (schema?.type === "string" && schema.format === "duration") {
      try {
        return celDuration(value) as CelInput;
      } catch {
        return value;
      }
    }
    return value;
  }
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    const items = schema?.items as JsonSchema | undefined;
    return value.map((v) => celValue(v, items));
  }
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const additional = typeof schema?.additionalProperties === "object" ? (schema.additionalProperties as JsonSchema) : undefined;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, celValue(v, properties[k] ?? additional)])) as CelInput;
}
