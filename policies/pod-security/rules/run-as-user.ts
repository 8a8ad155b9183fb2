import { inUserNamespace, podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * From v1.23 no one may set runAsUser=0 (root), on the pod or a container; unset is allowed (runAsNonRoot
 * covers the image's user). From v1.35 a pod in its own user namespace is exempt.
 */
export function checkRunAsUser(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  const minor = podSecurityMinor(version);
  if (minor < 23 || (minor >= 35 && inUserNamespace(spec))) return [];
  const messages: string[] = [];
  if (spec.securityContext?.runAsUser === 0) messages.push("pod must not set securityContext.runAsUser=0");
  for (const { label, container } of podContainers(spec)) {
    if (container.securityContext?.runAsUser === 0) messages.push(`${label} must not set securityContext.runAsUser=0`);
  }
  return messages;
}

export const runAsUser: PodSecurityRule = {
  name: "pss-run-as-user",
  checkId: "runAsUser",
  level: "restricted",
  summary: "from v1.23: runAsUser never 0 (pods with hostUsers: false exempt from v1.35)",
  check: checkRunAsUser,
};
