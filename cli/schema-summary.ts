import { formatSchemaError, type SchemaValidation } from "../validation";
import { VALUES_UNKNOWN } from "../validation/validate-objects";

/** What `strata check` (and `strata validate`) print about schema validation. */
export function formatSchemaValidation(result: SchemaValidation, crds: string[] | undefined): string {
  const against = crds?.length ? `the Kubernetes OpenAPI schemas and the CRDs in ${crds.join(", ")}` : "the Kubernetes OpenAPI schemas";
  const lines = [`schema: ${result.validated} objects validated against ${against}: ${result.schemaErrors.length} errors`];
  lines.push(...result.schemaErrors.map((e) => `  - ${formatSchemaError(e)}`));
  if (result.unvalidated.length) lines.push(unvalidatedWarning(result));
  return lines.join("\n");
}

/** The warning that custom resources were not validated, a line per reason (no --crds; CRDs from elsewhere not given). */
export function unvalidatedWarning(result: SchemaValidation): string {
  const reasons = [...new Set(result.unvalidated.map((u) => u.reason))].sort();
  return reasons
    .map((reason) => {
      const objects = result.unvalidated.filter((u) => u.reason === reason);
      const kinds = [...new Set(objects.map((u) => `${u.apiVersion} ${u.kind}`))].sort();
      const what = reason === VALUES_UNKNOWN ? "objects" : "custom resources";
      return `schema: ${objects.length} ${what} not validated (${reason}): ${kinds.join(", ")}`;
    })
    .join("\n");
}
