import { inUserNamespace, podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * Every container must run with runAsNonRoot=true, set on the container or inherited from the pod, and none
 * may set it false. From v1.35 a pod in its own user namespace (`hostUsers: false`) is exempt: its root is
 * unprivileged on the node.
 */
export function checkRunAsNonRoot(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  if (podSecurityMinor(version) >= 35 && inUserNamespace(spec)) return [];
  const messages: string[] = [];
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) messages.push("pod must not set securityContext.runAsNonRoot=false");
  for (const { label, container } of podContainers(spec)) {
    const value = container.securityContext?.runAsNonRoot;
    if (value === false) messages.push(`${label} must not set securityContext.runAsNonRoot=false`);
    else if (value == null && podValue !== true) messages.push(`pod or ${label} must set securityContext.runAsNonRoot=true`);
  }
  return messages;
}

export const runAsNonRoot: PodSecurityRule = {
  name: "pss-run-as-non-root",
  checkId: "runAsNonRoot",
  level: "restricted",
  summary: "runAsNonRoot: true on the pod or every container, never false (pods with hostUsers: false exempt from v1.35)",
  check: checkRunAsNonRoot,
};
