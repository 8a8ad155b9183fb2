import { podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** A privileged container has every capability and every device of the node. */
export function checkPrivileged(spec: PodSpec): string[] {
  return podContainers(spec)
    .filter(({ container }) => container.securityContext?.privileged === true)
    .map(({ label }) => `${label} must not set securityContext.privileged=true`);
}

export const privileged: PodSecurityRule = {
  name: "pss-privileged",
  checkId: "privileged",
  level: "baseline",
  summary: "no privileged container (securityContext.privileged)",
  check: checkPrivileged,
};
