import type { ErrorObject } from "ajv";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { requireModelFile } from "./esm-models";
import { trackReads } from "./read-tracking";

const ObjectMeta = requireModelFile("@kubernetes-models/apimachinery", "apis/meta/v1/ObjectMeta.js").ObjectMeta as { prototype: { validate(this: unknown): void } };

/**
 * A custom resource's metadata against the official ObjectMeta schema, strictly (its CRD's schema leaves
 * metadata to the API server). Paths are relative to the object (`/metadata/...`).
 */
export function objectMetaErrors(metadata: unknown): { path: string; message: string }[] {
  const reads = trackReads(metadata);
  let errors: ErrorObject[] = [];
  try {
    ObjectMeta.prototype.validate.call(reads.tracked);
  } catch (err) {
    errors = (err as { errors?: ErrorObject[] }).errors ?? [];
    if (!errors.length) throw err;
  }
  return [
    ...errors.map((e) => ({ path: `/metadata${ajvErrorPath(e)}`, message: ajvErrorMessage(e) })),
    ...reads.unreadPaths().map((p) => ({ path: `/metadata${p}`, message: `unknown field "${p.slice(p.lastIndexOf("/") + 1)}"` })),
  ];
}
