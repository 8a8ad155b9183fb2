import type { ErrorObject } from "ajv";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { coreValidator } from "./core-models";
import { knownCrdFields } from "./crd-schema-fields";
import { trackReads } from "./read-tracking";
import { schemaError, type SchemaError } from "./schema-error";

/**
 * Validates an object of one of Kubernetes' own kinds against the official OpenAPI schema (kubernetes-models'
 * compiled validator), strictly: unknown fields are errors, as with kubectl's strict field validation.
 * Returns undefined when the kind has no official schema.
 */
export function validateCoreObject(object: ManifestObject): SchemaError[] | undefined {
  const validate = coreValidator(object.apiVersion, object.kind);
  if (!validate) return undefined;
  const reads = trackReads(object);
  let ajvErrors: ErrorObject[] = [];
  try {
    validate(reads.tracked);
  } catch (err) {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    if (!errors) throw err;
    ajvErrors = errors;
  }
  // ajv reports each failed anyOf branch too; the branches' own errors say more than "must match a schema".
  const errors = ajvErrors.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map((e) => schemaError(object, ajvErrorPath(e), ajvErrorMessage(e)));
  const crdFields = knownCrdFields(object, reads.unreadPaths());
  const unknown = crdFields.unknown.map((path) => schemaError(object, path, `unknown field "${path.slice(path.lastIndexOf("/") + 1)}"`));
  return dedupe([...errors, ...unknown, ...crdFields.errors]);
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
