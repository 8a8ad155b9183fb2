import { judge, type RuleMessage } from "../../engine/unknown";
import { inUserNamespace, podContainers, quote, unlessExempt, USER_NAMESPACE_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/** Containers that unmask /proc (any procMount but "Default"), exposing the host's kernel interfaces. */
export function unmaskedProcMounts(spec: PodSpec): RuleMessage[] {
  return podContainers(spec).flatMap(({ label, container }) => {
    const value = container.securityContext?.procMount;
    return judge(value, (v) => v != null && v !== "Default", () => `${label} must not set securityContext.procMount to ${quote(value)}`, `${label} securityContext.procMount`);
  });
}

/**
 * Baseline keeps the default /proc masks. From v1.35 a pod in its own user namespace (`hostUsers: false`) may
 * unmask them: its /proc is its own. Restricted never allows it (pss-proc-mount-restricted).
 */
export function checkProcMount(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const exempt = podSecurityMinor(version) >= 35 ? inUserNamespace(spec) : false;
  return unlessExempt(exempt, USER_NAMESPACE_POD, () => unmaskedProcMounts(spec));
}

export const procMount: PodSecurityRule = {
  name: "pss-proc-mount",
  checkId: "procMount",
  level: "baseline",
  summary: "procMount only Default (from v1.35 any value in a pod with hostUsers: false)",
  check: checkProcMount,
};
