import { judge, type RuleMessage } from "../../engine/unknown";
import { isWindowsPod, podContainers, unlessExempt, WINDOWS_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * Every container must set allowPrivilegeEscalation=false (no_new_privs: setuid binaries cannot gain
 * privileges). Unset is not enough: the default is true. Windows pods are exempt from v1.25.
 */
export function checkAllowPrivilegeEscalation(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const minor = podSecurityMinor(version);
  if (minor < 8) return [];
  return unlessExempt(minor >= 25 ? isWindowsPod(spec) : false, WINDOWS_POD, () =>
    podContainers(spec).flatMap(({ label, container }) =>
      judge(container.securityContext?.allowPrivilegeEscalation, (v) => v !== false, () => `${label} must set securityContext.allowPrivilegeEscalation=false`, `${label} securityContext.allowPrivilegeEscalation`),
    ),
  );
}

export const allowPrivilegeEscalation: PodSecurityRule = {
  name: "pss-allow-privilege-escalation",
  checkId: "allowPrivilegeEscalation",
  level: "restricted",
  summary: "every container sets allowPrivilegeEscalation: false (Windows pods exempt from v1.25)",
  check: checkAllowPrivilegeEscalation,
};
