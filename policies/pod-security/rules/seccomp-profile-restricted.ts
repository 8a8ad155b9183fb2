import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { isWindowsPod, podContainers, unlessExempt, WINDOWS_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";
import { CONFINED_SECCOMP_TYPES, seccompTypeMessages } from "./seccomp-profile-baseline";

/**
 * From v1.19 every container must run under a seccomp filter: RuntimeDefault or Localhost, set on the
 * container or inherited from the pod; unset is not enough. Windows pods are exempt from v1.25.
 */
export function checkSeccompProfileRestricted(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const minor = podSecurityMinor(version);
  if (minor < 19) return [];
  return unlessExempt(minor >= 25 ? isWindowsPod(spec) : false, WINDOWS_POD, () => {
    const field = "securityContext.seccompProfile.type";
    const podProfile = spec.securityContext?.seccompProfile;
    const podType = podProfile?.type;
    const messages: RuleMessage[] = seccompTypeMessages("pod", podProfile);
    for (const { label, container } of podContainers(spec)) {
      const profile = container.securityContext?.seccompProfile;
      if (profile) messages.push(...seccompTypeMessages(label, profile));
      else if (isUnknown(podType) || isUnknown(podProfile)) messages.push(undetermined(`pod ${field} (which ${label} inherits)`));
      else if (!(podProfile != null && CONFINED_SECCOMP_TYPES.has(podType as string))) messages.push(`pod or ${label} must set ${field} to "RuntimeDefault" or "Localhost"`);
    }
    return messages;
  });
}

export const seccompProfileRestricted: PodSecurityRule = {
  name: "pss-seccomp-profile-restricted",
  checkId: "seccompProfile_restricted",
  level: "restricted",
  summary: "from v1.19: seccompProfile.type RuntimeDefault or Localhost on the pod or every container (Windows pods exempt from v1.25)",
  check: checkSeccompProfileRestricted,
};
