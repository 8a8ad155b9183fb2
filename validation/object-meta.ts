import type { ErrorObject } from "ajv";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { OBJECT_META } from "./core-models";
import { modelValidator, type ModelValidate } from "./model-validators";
import { trackReads } from "./read-tracking";

let validateObjectMeta: ModelValidate | undefined;
/** ObjectMeta's validator: the bundled one (core-validator prepareCoreModels), else its ES module's. */
function objectMetaValidator(): ModelValidate {
  validateObjectMeta ??= modelValidator(OBJECT_META, "ObjectMeta");
  if (!validateObjectMeta) throw new Error(`${OBJECT_META.pkg}/${OBJECT_META.file} has no ObjectMeta model`);
  return validateObjectMeta;
}

/**
 * A custom resource's metadata against the official ObjectMeta schema, strictly (its CRD's schema leaves
 * metadata to the API server). Paths are relative to the object (`/metadata/...`).
 */
export function objectMetaErrors(metadata: unknown): { path: string; message: string }[] {
  const reads = trackReads(metadata);
  let errors: ErrorObject[] = [];
  try {
    objectMetaValidator()(reads.tracked);
  } catch (err) {
    errors = (err as { errors?: ErrorObject[] }).errors ?? [];
    if (!errors.length) throw err;
  }
  return [
    ...errors.map((e) => ({ path: `/metadata${ajvErrorPath(e)}`, message: ajvErrorMessage(e) })),
    ...reads.unreadPaths().map((p) => ({ path: `/metadata${p}`, message: `unknown field "${p.slice(p.lastIndexOf("/") + 1)}"` })),
  ];
}
