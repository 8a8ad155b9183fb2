// First: the SDK must not be loaded before it.
import "../offline/deferred-sdk-modules";
import type { Capability } from "../capabilities/capability";
import { formatConfigIssues } from "../config";
import { subjectObjects } from "../offline/kubernetes-objects";
import { stackSubjects } from "../offline/policy-subjects";
import { maskSecrets } from "../offline/recorder";
import { runStackOffline, type OfflineRun } from "../offline/run";
import { stackProfile } from "../offline/stack-file";
import { evaluatePolicies, mandatoryViolations, type AppliedExemption, type PolicyViolation } from "../policies/engine/evaluate";
import { POLICY_RULES } from "../policies/rules";
import { validateObjects, type SchemaError } from "../validation";
import { defaultPolicyConfig, formatPolicyConfigIssues, loadPolicyConfig } from "./policy-config";
import { formatPolicyReport } from "./policy-report";
import { formatSchemaValidation, unvalidatedWarning } from "./schema-summary";
import { capabilityReports } from "./capability-reports";
import { EXIT, verdict } from "./exit";
import { formatSummary } from "./summary";

export { EXIT, verdict } from "./exit";

export interface CheckOptions {
  stack: string;
  json?: boolean;
  projectDir: string;
  /** The pack config; default: policies/config/<stack>.json, else the stack profile's policies/config/<profile>.json. */
  policyConfig?: string;
  /** CRD directories custom resources are validated against (absolute). */
  crds?: string[];
  /** The capabilities the platform is composed of; default: the registry's. */
  capabilities?: readonly Capability[];
  /** Runs the stack's program offline (default: runStackOffline with `capabilities`); tests share one run per stack. */
  runStack?: (projectDir: string, stack: string) => Promise<OfflineRun>;
}

/** The JSON document `strata check --json` prints. */
export interface CheckReport {
  stack: string;
  resources: { urn: string; type: string; name: string; parent: string | null; dependsOn: string[]; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
  violations: PolicyViolation[];
  exemptions: AppliedExemption[];
  schemaErrors: SchemaError[];
}

export interface InvalidConfigReport {
  stack: string;
  configErrors: { key: string; message: string }[];
  resources: [];
}

export async function check(options: CheckOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const byDefault = options.policyConfig === undefined ? defaultPolicyConfig(options.projectDir, options.stack, stackProfile(options.projectDir, options.stack), options.capabilities) : {};
  const configFile = options.policyConfig ?? byDefault.file;
  const policyConfig = loadPolicyConfig(configFile, byDefault.generated);
  if (!policyConfig.ok) {
    err(`strata check: ${formatPolicyConfigIssues(policyConfig.file, policyConfig.issues)}`);
    return EXIT.invalidConfig;
  }
  const run = await (options.runStack ? options.runStack(options.projectDir, options.stack) : runStackOffline(options.projectDir, options.stack, { capabilities: options.capabilities }));
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
  if (byDefault.note) err(`strata check: ${byDefault.note}`);
  const subjects = stackSubjects(run.resources);
  const policies = evaluatePolicies(subjects, POLICY_RULES, policyConfig.settings);
  const schema = validateObjects(subjectObjects(subjects), { crds: options.crds });
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
      violations: policies.violations,
      exemptions: policies.exemptions,
      schemaErrors: schema.schemaErrors,
    };
    out(JSON.stringify(report, null, 2));
    if (schema.unvalidated.length) err(unvalidatedWarning(schema));
  } else {
    const reports = capabilityReports(options.projectDir, options.stack, options.capabilities);
    const summary = [formatSummary(run.stack, run.resources, run.outputs), ...(reports.length ? [reports.join("\n")] : []), formatPolicyReport(policies), formatSchemaValidation(schema, options.crds)];
    out(summary.join("\n\n"));
  }
  return verdict(`strata check: stack ${run.stack}`, mandatoryViolations(policies).length, schema.schemaErrors.length, err);
}
