import type { RuleMessage } from "../engine/unknown";
import type { PodMetadata, PodSpec } from "./pod";
import type { PodSecurityVersion } from "./version";

/** The Pod Security Standards levels that restrict anything ("privileged" restricts nothing). */
export type PodSecurityLevel = "baseline" | "restricted";

/**
 * A Pod Security check: pod spec, pod metadata and Pod Security version in, one message per offending
 * setting out (empty: the pod meets the check), or per setting it cannot judge because its value is unknown
 * (Undetermined). Pure: no Pulumi, no I/O, so the policy pack, `strata check` and the tests share it.
 */
export type PodSecurityCheck = (spec: PodSpec, metadata: PodMetadata, version: PodSecurityVersion) => RuleMessage[];

/** One rule per check of the reference implementation (kubernetes/pod-security-admission, policy/check_*.go). */
export interface PodSecurityRule {
  /** Stable rule name, e.g. "pss-host-process". */
  readonly name: string;
  /** The reference implementation's check id, e.g. "hostProcess". */
  readonly checkId: string;
  /** The lowest level whose namespaces the rule applies to (restricted includes baseline). */
  readonly level: PodSecurityLevel;
  /** What the rule checks, in one line (the rule table of docs/policies.md). */
  readonly summary: string;
  readonly check: PodSecurityCheck;
}
