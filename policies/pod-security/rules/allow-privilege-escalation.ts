import { isWindowsPod, podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * Every container must set allowPrivilegeEscalation=false (no_new_privs: setuid binaries cannot gain
 * privileges). Unset is not enough: the default is true. Windows pods are exempt from v1.25.
 */
export function checkAllowPrivilegeEscalation(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  const minor = podSecurityMinor(version);
  if (minor < 8 || (minor >= 25 && isWindowsPod(spec))) return [];
  return podContainers(spec)
    .filter(({ container }) => container.securityContext?.allowPrivilegeEscalation !== false)
    .map(({ label }) => `${label} must set securityContext.allowPrivilegeEscalation=false`);
}

export const allowPrivilegeEscalation: PodSecurityRule = {
  name: "pss-allow-privilege-escalation",
  checkId: "allowPrivilegeEscalation",
  level: "restricted",
  summary: "every container sets allowPrivilegeEscalation: false (Windows pods exempt from v1.25)",
  check: checkAllowPrivilegeEscalation,
};
