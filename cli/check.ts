import { formatConfigIssues } from "../config";
import { registeredKubernetesObjects } from "../offline/kubernetes-objects";
import { maskSecrets } from "../offline/recorder";
import { runStackOffline } from "../offline/run";
import { validateObjects, type SchemaError } from "../validation";
import { formatSchemaValidation, unvalidatedWarning } from "./schema-summary";
import { formatSummary } from "./summary";

/** Exit codes of `strata check`. */
export const EXIT = { ok: 0, failed: 1, invalidConfig: 2 } as const;

export interface CheckOptions {
  stack: string;
  json?: boolean;
  projectDir: string;
  /** CRD directories custom resources are validated against (absolute). */
  crds?: string[];
}

/** The JSON document `strata check --json` prints. */
export interface CheckReport {
  stack: string;
  resources: { urn: string; type: string; name: string; parent: string | null; dependsOn: string[]; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
  violations: unknown[];
  schemaErrors: SchemaError[];
}

export interface InvalidConfigReport {
  stack: string;
  configErrors: { key: string; message: string }[];
  resources: [];
}

export async function check(options: CheckOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const run = await runStackOffline(options.projectDir, options.stack);
  if (!run.ok) {
    if (options.json) {
      const report: InvalidConfigReport = {
        stack: run.stack,
        configErrors: run.issues.map((i) => ({ key: `${run.namespace}:${i.path}`, message: i.message })),
        resources: [],
      };
      out(JSON.stringify(report, null, 2));
    }
    err(`strata check: stack ${run.stack}: ${formatConfigIssues(run.issues, run.namespace)}`);
    err(`nothing was registered (${run.resources.length} resources).`);
    return EXIT.invalidConfig;
  }
  const schema = validateObjects(registeredKubernetesObjects(run.resources), { crds: options.crds });
  if (options.json) {
    const report: CheckReport = {
      stack: run.stack,
      resources: run.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        dependsOn: r.dependsOn,
        inputs: maskSecrets(r.inputs).value as Record<string, unknown>,
      })),
      outputs: run.outputs,
      violations: [],
      schemaErrors: schema.schemaErrors,
    };
    out(JSON.stringify(report, null, 2));
    if (schema.unvalidated.length) err(unvalidatedWarning(schema));
  } else {
    out(formatSummary(run.stack, run.resources, run.outputs));
    out("");
    out(formatSchemaValidation(schema, options.crds));
  }
  return schema.schemaErrors.length ? EXIT.failed : EXIT.ok;
}
