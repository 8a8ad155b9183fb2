import type { ErrorObject } from "ajv";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { modelFileOf, OBJECT_META } from "./core-models";
import { modelValidator, prepareModelValidators, type ModelValidate } from "./model-validators";
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

/** Loads the validators of these objects' kinds (and ObjectMeta's) at once, before they are validated one by one. */
export function prepareCoreModels(objects: { apiVersion: string; kind: string }[]): void {
  const kinds = new Map<string, { apiVersion: string; kind: string; file: string }>();
  for (const { apiVersion, kind } of objects) {
    const key = `${apiVersion}/${kind}`;
    if (kinds.has(key)) continue;
    const file = modelFileOf(apiVersion, kind);
    if (file) kinds.set(key, { apiVersion, kind, file });
  }
  prepareModelValidators([OBJECT_META, ...[...kinds.values()].map((k) => ({ pkg: "kubernetes-models" as const, ...k }))]);
}

/**
 * The validator of a top-level kind (one with apiVersion and kind): throws an error with ajv's `errors`
 * when the data is invalid. Undefined when Kubernetes has no such kind.
 */
export function coreValidator(apiVersion: string, kind: string): ModelValidate | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!validators.has(key)) validators.set(key, validatorOf(apiVersion, kind));
  return validators.get(key);
}

const validators = new Map<string, ModelValidate | undefined>();

function validatorOf(apiVersion: string, kind: string): ModelValidate | undefined {
  const file = modelFileOf(apiVersion, kind);
  return file ? modelValidator({ pkg: "kubernetes-models", file, apiVersion, kind }, kind) : undefined;
}
