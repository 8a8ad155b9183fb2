import type { PackSettings } from "./pack-config";
import { exemptionFor, type Exemption } from "./exemption";
import { findingsOf, type Finding, type PolicyRule, type RuleOptions } from "./rule";
import { PolicyStack } from "./stack";
import { isUndetermined, messageText } from "./unknown";
import type { PolicySubject } from "./subject";

/** One violation, as `strata check --json` and `strata validate --json` print it. */
export interface PolicyViolation {
  rule: string;
  enforcement: "mandatory" | "advisory";
  kind: string;
  namespace: string | null;
  name: string;
  message: string;
  /** The Pulumi type token, or apiVersion/kind for a manifest object. */
  type: string;
  /** The resource's URN, for a stack resource. */
  urn?: string;
  /** Set when the verdict depends on a value unknown until apply (reported at advisory level). */
  undetermined?: true;
}

/** A configured exemption, with how many findings it set aside. */
export interface AppliedExemption extends Exemption {
  rule: string;
  suppressed: number;
}

export interface PolicyReport {
  violations: PolicyViolation[];
  exemptions: AppliedExemption[];
}

/** A finding as reported: an undetermined one (a value unknown until apply) is always advisory. */
function violationOf(rule: PolicyRule, enforcement: "mandatory" | "advisory", finding: Finding): PolicyViolation {
  const { subject, message } = finding;
  const unknown = isUndetermined(message);
  return {
    rule: rule.name,
    enforcement: unknown ? "advisory" : enforcement,
    kind: subject.kind,
    namespace: subject.namespace ?? null,
    name: subject.name,
    message: messageText(message),
    type: subject.type,
    ...(subject.urn ? { urn: subject.urn } : {}),
    ...(unknown ? { undetermined: true as const } : {}),
  };
}

/**
 * Every enabled rule over a set of subjects: findings become violations at the rule's level, except those an
 * exemption covers, which are counted against it. `overrides` replace options for every rule (the CLI's
 * `--level` and `--pss-version`).
 */
export function evaluatePolicies(subjects: readonly PolicySubject[], rules: readonly PolicyRule[], settings: PackSettings, overrides: Partial<RuleOptions> = {}): PolicyReport {
  const stack = new PolicyStack(subjects);
  const violations: PolicyViolation[] = [];
  const exemptions: AppliedExemption[] = [];
  for (const rule of rules) {
    const ruleSettings = settings.get(rule.name);
    if (!ruleSettings || ruleSettings.enforcementLevel === "disabled") continue;
    const enforcement = ruleSettings.enforcementLevel;
    const options = { ...ruleSettings.options, ...overrides };
    const applied = options.exemptions.map((e) => ({ rule: rule.name, ...e, suppressed: 0 }));
    for (const finding of findingsOf(rule, stack, options)) {
      const exemption = exemptionFor(options.exemptions, finding.subject);
      if (exemption) applied[options.exemptions.indexOf(exemption)].suppressed++;
      else violations.push(violationOf(rule, enforcement, finding));
    }
    exemptions.push(...applied);
  }
  return { violations, exemptions };
}

export function mandatoryViolations(report: PolicyReport): PolicyViolation[] {
  return report.violations.filter((v) => v.enforcement === "mandatory");
}
