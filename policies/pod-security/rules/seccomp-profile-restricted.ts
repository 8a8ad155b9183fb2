import { isWindowsPod, podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";
import { CONFINED_SECCOMP_TYPES } from "./seccomp-profile-baseline";

/**
 * From v1.19 every container must run under a seccomp filter: RuntimeDefault or Localhost, set on the
 * container or inherited from the pod; unset is not enough. Windows pods are exempt from v1.25.
 */
export function checkSeccompProfileRestricted(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  const minor = podSecurityMinor(version);
  if (minor < 19 || (minor >= 25 && isWindowsPod(spec))) return [];
  const messages: string[] = [];
  const field = "securityContext.seccompProfile.type";
  const podProfile = spec.securityContext?.seccompProfile;
  const podConfined = podProfile != null && CONFINED_SECCOMP_TYPES.has(podProfile.type);
  if (podProfile && !podConfined) messages.push(`pod must not set ${field} to ${quote(podProfile.type)}`);
  for (const { label, container } of podContainers(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile && !CONFINED_SECCOMP_TYPES.has(profile.type)) messages.push(`${label} must not set ${field} to ${quote(profile.type)}`);
    else if (!profile && !podConfined) messages.push(`pod or ${label} must set ${field} to "RuntimeDefault" or "Localhost"`);
  }
  return messages;
}

export const seccompProfileRestricted: PodSecurityRule = {
  name: "pss-seccomp-profile-restricted",
  checkId: "seccompProfile_restricted",
  level: "restricted",
  summary: "from v1.19: seccompProfile.type RuntimeDefault or Localhost on the pod or every container (Windows pods exempt from v1.25)",
  check: checkSeccompProfileRestricted,
};
