// First: the SDK must not be loaded before it.
import "../offline/deferred-sdk-modules";
import type { Capability } from "../capabilities/capability";
import { subjectObjects } from "../offline/kubernetes-objects";
import { stackSubjects } from "../offline/policy-subjects";
import { mapUnknowns, maskSecrets, type RecordedResource } from "../offline/recorder";
import { runStackOffline, UNKNOWN_OUTPUT, type OfflineRun } from "../offline/run";
import { StackConfigFileError, stackProfile } from "../config/stack-file";
import { reportConfigIssues, reportStackConfigFile } from "./stack-config-report";
import { evaluatePolicies, mandatoryViolations, type AppliedExemption } from "../policies/engine/evaluate";
import { objectSubject, type PolicySubject } from "../policies/engine/subject";
import { POLICY_RULES } from "../policies/rules";
import { isCoreGroup } from "../validation/core-models";
import { validateObjects, type SchemaError } from "../validation";
import { defaultPolicyConfig, formatPolicyConfigIssues, loadPolicyConfig } from "./policy-config";
import { chartName, helmBinary, helmReleases, inflateCharts, type Inflation } from "./chart-inflation";
import { formatPolicyReport } from "./policy-report";
import { formatSchemaValidation, unvalidatedWarning } from "./schema-summary";
import { capabilityReports } from "./capability-reports";
import { EXIT, verdict } from "./exit";
import { formatSummary } from "./summary";
import { withConfigKeys, type KeyedViolation } from "./violation-keys";

export { EXIT, verdict } from "./exit";

export interface CheckOptions {
  stack: string;
  json?: boolean;
  projectDir: string;
  /** The pack config; default: the stack profile's, policies/config/<profile>.json. */
  policyConfig?: string;
  /** CRD directories custom resources are validated against (absolute). */
  crds?: string[];
  /** Judge the stack as a first `pulumi preview` sees it: every value AWS or @pulumi/random computes unknown. */
  preview?: boolean;
  /** Render every Helm release with `helm template` and judge what it installs too. */
  inflateCharts?: boolean;
  /** Where charts are found offline (absolute); without it, every chart comes from its repository. */
  chartCache?: string;
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
  /** Each with `configKey` where a config key set what the rule judged (`strata:layers[3].replicas`). */
  violations: KeyedViolation[];
  exemptions: AppliedExemption[];
  schemaErrors: SchemaError[];
  /** With --inflate-charts: each release rendered, where its chart came from, and how many objects it installs. */
  charts?: { release: string; chart: string; version: string; source: string; objects: number }[];
}

export interface InvalidConfigReport {
  stack: string;
  configErrors: { key: string; message: string }[];
  resources: [];
}

export async function check(options: CheckOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    return await checkStack(options, out, err);
  } catch (e) {
    if (e instanceof StackConfigFileError) return reportStackConfigFile("check", e, options.json, out, err);
    throw e;
  }
}

async function checkStack(options: CheckOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const byDefault = options.policyConfig === undefined ? defaultPolicyConfig(options.projectDir, options.stack, stackProfile(options.projectDir, options.stack), options.capabilities) : {};
  const policyConfig = loadPolicyConfig(options.policyConfig, byDefault.generated);
  if (!policyConfig.ok) {
    err(`strata check: ${formatPolicyConfigIssues(policyConfig.file, policyConfig.issues)}`);
    return EXIT.invalidConfig;
  }
  // The tests' shared run is a plain one: a preview (every computed value unknown) runs the program itself.
  const run = await (options.runStack && !options.preview
    ? options.runStack(options.projectDir, options.stack)
    : runStackOffline(options.projectDir, options.stack, { preview: options.preview, capabilities: options.capabilities }));
  if (!run.ok) return reportConfigIssues("check", run, options.json, out, err);
  if (byDefault.note) err(`strata check: ${byDefault.note}`);
  const subjects = stackSubjects(run.resources);
  const charts = options.inflateCharts ? inflate(options, run.resources, subjects) : undefined;
  if (charts?.failures.length) {
    err(`strata check: stack ${run.stack}: ${charts.failures.length} of ${charts.failures.length + charts.charts.length} charts could not be rendered:`);
    for (const f of charts.failures) err(`  - ${f.release.namespace}/${f.release.name} (${chartName(f.release.chart)} ${f.release.version}): ${f.message}`);
    return EXIT.failed;
  }
  const chartSubjects = (charts?.charts ?? []).flatMap((c) => c.objects.map((o) => objectSubject(o, { urn: c.release.urn })));
  const judged = evaluatePolicies([...subjects, ...chartSubjects], POLICY_RULES, policyConfig.settings);
  const policies = { ...judged, violations: withConfigKeys(judged.violations, options.projectDir, options.stack) };
  const schema = validateObjects([...subjectObjects(subjects), ...(charts?.charts ?? []).flatMap((c) => c.objects)], { crds: options.crds });
  const chartReport = charts?.charts.map((c) => ({ release: `${c.release.namespace}/${c.release.name}`, chart: c.release.chart, version: c.release.version, source: c.source, objects: c.objects.length }));
  if (options.json) {
    const report: CheckReport = {
      stack: run.stack,
      resources: run.resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? null,
        dependsOn: r.dependsOn,
        inputs: maskSecrets(mapUnknowns(r.inputs, () => UNKNOWN_OUTPUT)).value as Record<string, unknown>,
      })),
      outputs: run.outputs,
      violations: policies.violations,
      exemptions: policies.exemptions,
      schemaErrors: schema.schemaErrors,
      ...(chartReport ? { charts: chartReport } : {}),
    };
    out(JSON.stringify(report, null, 2));
    if (schema.unvalidated.length) err(unvalidatedWarning(schema));
  } else {
    const reports = capabilityReports(options.projectDir, options.stack, options.capabilities);
    const inflated = chartReport ? [formatCharts(chartReport)] : [];
    const summary = [formatSummary(run.stack, run.resources, run.outputs), ...inflated, ...(reports.length ? [reports.join("\n")] : []), formatPolicyReport(policies), formatSchemaValidation(schema, options.crds)];
    out(summary.join("\n\n"));
  }
  return verdict(`strata check: stack ${run.stack}`, mandatoryViolations(policies).length, schema.schemaErrors.length, err);
}

/** The releases rendered with `helm template`: the custom resources' API versions are what the cluster serves besides its own. */
function inflate(options: CheckOptions, resources: RecordedResource[], subjects: PolicySubject[]): Inflation {
  const apiVersions = [...new Set(subjectObjects(subjects).map((o) => o.apiVersion).filter((v) => !isCoreGroup(v)))].sort();
  return inflateCharts(helmReleases(resources), { helm: helmBinary(options.projectDir), cacheDir: options.chartCache, apiVersions });
}

function formatCharts(charts: NonNullable<CheckReport["charts"]>): string {
  const objects = charts.reduce((n, c) => n + c.objects, 0);
  return [`charts: ${charts.length} releases rendered with helm template (${objects} objects, judged and validated with the stack's):`, ...charts.map((c) => `  ${c.release}: ${chartName(c.chart)} ${c.version}, ${c.objects} objects (from ${c.source})`)].join("\n");
}
