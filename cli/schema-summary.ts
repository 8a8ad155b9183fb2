import { formatSchemaError, type SchemaValidation } from "../validation";

/** What `strata check` (and `strata validate`) print about schema validation. */
export function formatSchemaValidation(result: SchemaValidation, crds: string[] | undefined): string {
  const against = crds?.length ? `the Kubernetes OpenAPI schemas and the CRDs in ${crds.join(", ")}` : "the Kubernetes OpenAPI schemas";
  const lines = [`schema: ${result.validated} objects validated against ${against}: ${result.schemaErrors.length} errors`];
  lines.push(...result.schemaErrors.map((e) => `  - ${formatSchemaError(e)}`));
  if (result.unvalidated.length) lines.push(unvalidatedWarning(result));
  return lines.join("\n");
}

/** The warning that custom resources were not validated (no --crds). */
export function unvalidatedWarning(result: SchemaValidation): string {
  const kinds = [...new Set(result.unvalidated.map((u) => `${u.apiVersion} ${u.kind}`))].sort();
  return `schema: ${result.unvalidated.length} custom resources not validated (no --crds given): ${kinds.join(", ")}`;
}
