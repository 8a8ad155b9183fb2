import { z } from "zod";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { schemaError, type SchemaError } from "./schema-error";

/**
 * The fields of a CustomResourceDefinition that the official OpenAPI schema has but kubernetes-models'
 * compiled one leaves out: `description` (of a schema node, and of a printer column) and the
 * `x-kubernetes-*` extensions of a schema node. Its validator never reads them, so read tracking would call
 * every one an unknown field (thousands, in any chart that ships CRDs). They are known fields: each is
 * checked here against its type in the API instead.
 */

const NODE_FIELDS: Record<string, z.ZodType> = {
  description: z.string(),
  "x-kubernetes-embedded-resource": z.boolean(),
  "x-kubernetes-int-or-string": z.boolean(),
  "x-kubernetes-preserve-unknown-fields": z.boolean(),
  "x-kubernetes-list-type": z.enum(["atomic", "set", "map"]),
  "x-kubernetes-list-map-keys": z.array(z.string()),
  "x-kubernetes-map-type": z.enum(["granular", "atomic"]),
  "x-kubernetes-validations": z.array(
    z
      .object({
        rule: z.string(),
        message: z.string().optional(),
        messageExpression: z.string().optional(),
        reason: z.enum(["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"]).optional(),
        fieldPath: z.string().optional(),
        optionalOldSelf: z.boolean().optional(),
      })
      .strict(),
  ),
};

/** Where those fields sit: any schema node under a version's openAPIV3Schema, and a version's printer columns. */
const IN_SCHEMA = /^\/spec\/versions\/\d+\/schema\/openAPIV3Schema(\/.*)?\/([^/]+)$/;
const IN_PRINTER_COLUMN = /^\/spec\/versions\/\d+\/additionalPrinterColumns\/\d+\/description$/;

function fieldOf(object: ManifestObject, path: string): { name: string; type: z.ZodType } | undefined {
  if (object.apiVersion !== "apiextensions.k8s.io/v1" || object.kind !== "CustomResourceDefinition") return undefined;
  if (IN_PRINTER_COLUMN.test(path)) return { name: "description", type: z.string() };
  const name = IN_SCHEMA.exec(path)?.[2];
  return name !== undefined && NODE_FIELDS[name] ? { name, type: NODE_FIELDS[name] } : undefined;
}

function valueAt(object: unknown, path: string): unknown {
  return path
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((v, s) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[s] : undefined), object);
}

/**
 * The unknown-field paths read tracking found, less those that are such a field: each of those is checked
 * against its type instead (its errors returned).
 */
export function knownCrdFields(object: ManifestObject, unreadPaths: string[]): { unknown: string[]; errors: SchemaError[] } {
  const unknown: string[] = [];
  const errors: SchemaError[] = [];
  for (const path of unreadPaths) {
    const field = fieldOf(object, path);
    if (!field) {
      unknown.push(path);
      continue;
    }
    const parsed = field.type.safeParse(valueAt(object, path));
    if (!parsed.success) errors.push(schemaError(object, path, `${field.name}: ${parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`).join("; ")}`));
  }
  return { unknown, errors };
}
