import type { ErrorObject } from "ajv";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { coreModel } from "./core-models";
import { trackReads } from "./read-tracking";
import { schemaError, type SchemaError } from "./schema-error";

/**
 * Validates an object of one of Kubernetes' own kinds against the official OpenAPI schema (kubernetes-models'
 * compiled validator), strictly: unknown fields are errors, as with kubectl's strict field validation.
 * Returns undefined when the kind has no official schema.
 */
export function validateCoreObject(object: ManifestObject): SchemaError[] | undefined {
  const model = coreModel(object.apiVersion, object.kind);
  if (!model) return undefined;
  const reads = trackReads(object);
  let ajvErrors: ErrorObject[] = [];
  try {
    model.prototype.validate.call(reads.tracked);
  } catch (err) {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    if (!errors) throw err;
    ajvErrors = errors;
  }
  // ajv reports each failed anyOf branch too; the branches' own errors say more than "must match a schema".
  const errors = ajvErrors.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map((e) => schemaError(object, ajvErrorPath(e), ajvErrorMessage(e)));
  const unknown = reads.unreadPaths().map((path) => schemaError(object, path, `unknown field "${path.slice(path.lastIndexOf("/") + 1)}"`));
  return dedupe([...errors, ...unknown]);
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
