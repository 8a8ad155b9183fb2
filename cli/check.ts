import { formatConfigIssues } from "../config";
import { maskSecrets } from "../offline/recorder";
import { runStackOffline } from "../offline/run";
import { formatSummary } from "./summary";

/** Exit codes of `strata check`. */
export const EXIT = { ok: 0, failed: 1, invalidConfig: 2 } as const;

export interface CheckOptions {
  stack: string;
  json?: boolean;
  projectDir: string;
}

/** The JSON document `strata check --json` prints. */
export interface CheckReport {
  stack: string;
  resources: { urn: string; type: string; name: string; parent: string | null; dependsOn: string[]; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
  violations: unknown[];
  schemaErrors: unknown[];
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
      schemaErrors: [],
    };
    out(JSON.stringify(report, null, 2));
  } else {
    out(formatSummary(run.stack, run.resources, run.outputs));
  }
  return EXIT.ok;
}
