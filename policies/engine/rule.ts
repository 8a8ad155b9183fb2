import type { z } from "zod";
import type { Exemption } from "./exemption";
import { containsUnknown, undetermined, type RuleMessage } from "./unknown";
import type { PodSecurityNamespaceLevel } from "../pod-security/evaluate";
import type { PodSecurityVersion } from "../pod-security/version";
import type { PolicyStack } from "./stack";
import type { PolicySubject } from "./subject";

/** CrossGuard's enforcement levels Strata uses: mandatory fails the preview (and `strata check`), advisory warns. */
export const enforcementLevels = ["mandatory", "advisory", "disabled"] as const;
export type EnforcementLevel = (typeof enforcementLevels)[number];

export const ruleFamilies = ["pod-security", "network", "mesh", "rbac", "placement", "supply-chain", "aws"] as const;
export type RuleFamily = (typeof ruleFamilies)[number];

export type { Exemption };

/** One Helm chart a release may install: exactly this chart, from this repository, at this version. */
export interface ChartPin {
  /** The chart name, or its full `oci://` reference. */
  chart: string;
  /** The chart repository URL; absent for an `oci://` chart. */
  repository?: string;
  version: string;
}

/** What a rule is configured with, besides its enforcement level (see pack-config.ts). */
export interface RuleOptions {
  exemptions: Exemption[];
  /** Pod Security rules: the version to evaluate at (default: each namespace's enforce-version label). */
  version?: PodSecurityVersion;
  /** Pod Security rules: a level for every object, instead of its namespace's (`strata validate --level`). */
  level?: PodSecurityNamespaceLevel;
  /** The Helm chart allow-list. */
  allowedCharts?: ChartPin[];
}

/** A rule's verdict on one subject: a violation, or (Undetermined) what it could not judge for an unknown. */
export interface Finding {
  subject: PolicySubject;
  message: RuleMessage;
}

interface RuleBase {
  /** Stable name: config keys, reports and docs/policies.md use it. */
  readonly name: string;
  readonly family: RuleFamily;
  /** For Pod Security rules, the lowest level they belong to. */
  readonly podSecurityLevel?: "baseline" | "restricted";
  /** What the rule checks, in one line (the rule table of docs/policies.md). */
  readonly summary: string;
  /** Config properties the rule takes besides `exemptions` (CrossGuard's configSchema is generated from them). */
  readonly configProperties?: z.ZodRawShape;
}

/** A rule that judges one subject on its own: a CrossGuard ResourceValidationPolicy. */
export interface ResourceRule extends RuleBase {
  readonly scope: "resource";
  /** Messages for the subject; none when it complies or the rule does not apply to it. */
  checkSubject(subject: PolicySubject, options: RuleOptions): RuleMessage[];
}

/** A rule that needs the whole stack (namespaces, siblings, selectors): a CrossGuard StackValidationPolicy. */
export interface StackRule extends RuleBase {
  readonly scope: "stack";
  checkStack(stack: PolicyStack, options: RuleOptions): Finding[];
}

export type PolicyRule = ResourceRule | StackRule;

/**
 * A rule's findings over a whole stack, whatever its scope. A rule that fails where unknown values are
 * involved (a method called on one, say) has its verdict undetermined, never a crash of the whole pack and
 * never a silent pass; one that fails on known values is a bug, and fails the run.
 */
export function findingsOf(rule: PolicyRule, stack: PolicyStack, options: RuleOptions): Finding[] {
  if (rule.scope === "stack") {
    try {
      return rule.checkStack(stack, options);
    } catch (error) {
      const unknowns = stack.subjects.filter((s) => containsUnknown(s.inputs));
      if (!unknowns.length) throw error;
      return unknowns.map((subject) => ({ subject, message: failedOnUnknowns(error) }));
    }
  }
  return stack.subjects.flatMap((subject) => {
    try {
      return rule.checkSubject(subject, options).map((message) => ({ subject, message }));
    } catch (error) {
      if (!containsUnknown(subject.inputs)) throw error;
      return [{ subject, message: failedOnUnknowns(error) }];
    }
  });
}

function failedOnUnknowns(error: unknown): RuleMessage {
  return undetermined("a value the rule reads", `could not be judged in this preview (${error instanceof Error ? error.message : String(error)})`);
}
