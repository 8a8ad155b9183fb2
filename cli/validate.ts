import { evaluatePolicies, mandatoryViolations, type PolicyViolation } from "../policies/engine/evaluate";
import { describeExemption } from "../policies/engine/exemption";
import { objectSubject } from "../policies/engine/subject";
import type { PodSecurityNamespaceLevel } from "../policies/pod-security/evaluate";
import type { PodSecurityVersion } from "../policies/pod-security/version";
import { POLICY_RULES } from "../policies/rules";
import { validateObjects, type SchemaError } from "../validation";
import { EXIT, verdict } from "./exit";
import { ManifestError, readManifests } from "./manifests";
import { formatPolicyConfigIssues, loadPolicyConfig } from "./policy-config";
import { formatPolicyReport } from "./policy-report";
import { formatSchemaValidation, unvalidatedWarning } from "./schema-summary";

export interface ValidateOptions {
  /** A file, a directory, or "-" for standard input. */
  source: string;
  json?: boolean;
  /** Judge every pod at this Pod Security level instead of its namespace's. */
  level?: Exclude<PodSecurityNamespaceLevel, "privileged">;
  pssVersion?: PodSecurityVersion;
  /** A pack config (levels, exemptions, allow-list); default: every rule mandatory, no exemptions. */
  policyConfig?: string;
  /** CRD directories custom resources are validated against (absolute). */
  crds?: string[];
  stdin?: () => string;
}

/** The JSON document `strata validate --json` prints. */
export interface ValidateReport {
  objects: number;
  violations: PolicyViolation[];
  schemaErrors: SchemaError[];
}

/**
 * The pack's rules over arbitrary manifests: a rendered tree, or `helm template` of a vendor chart piped in,
 * which is how a team sees what a Helm release installs (a CrossGuard preview only sees the release).
 */
export function validate(options: ValidateOptions, out: (text: string) => void, err: (text: string) => void): number {
  const policyConfig = loadPolicyConfig(options.policyConfig);
  if (!policyConfig.ok) {
    err(`strata validate: ${formatPolicyConfigIssues(policyConfig.file, policyConfig.issues)}`);
    return EXIT.invalidConfig;
  }
  let objects;
  try {
    objects = readManifests(options.source, options.stdin);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    err(`strata validate: ${e.message}`);
    return EXIT.failed;
  }
  const overrides = { ...(options.level ? { level: options.level } : {}), ...(options.pssVersion ? { version: options.pssVersion } : {}) };
  const policies = evaluatePolicies(objects.map((o) => objectSubject(o)), POLICY_RULES, policyConfig.settings, overrides);
  const schema = validateObjects(objects, { crds: options.crds });
  const report: ValidateReport = { objects: objects.length, violations: policies.violations, schemaErrors: schema.schemaErrors };
  if (options.json) {
    out(JSON.stringify(report, null, 2));
    // The JSON document keeps its documented shape; exemptions that set findings aside are still said.
    for (const e of policies.exemptions.filter((x) => x.suppressed > 0)) err(`exempt: ${e.rule} for ${describeExemption(e)} (${e.suppressed} set aside): ${e.reason}`);
    if (schema.unvalidated.length) err(unvalidatedWarning(schema));
  } else {
    out(`${objects.length} objects\n${formatPolicyReport(policies)}\n${formatSchemaValidation(schema, options.crds)}`);
  }
  return verdict(`strata validate: ${options.source === "-" ? "stdin" : options.source}`, mandatoryViolations(policies).length, schema.schemaErrors.length, err);
}
