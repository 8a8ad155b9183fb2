import { judge, type RuleMessage } from "../../engine/unknown";
import { podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** A privileged container has every capability and every device of the node. */
export function checkPrivileged(spec: PodSpec): RuleMessage[] {
  return podContainers(spec).flatMap(({ label, container }) =>
    judge(container.securityContext?.privileged, (v) => v === true, () => `${label} must not set securityContext.privileged=true`, `${label} securityContext.privileged`),
  );
}

export const privileged: PodSecurityRule = {
  name: "pss-privileged",
  checkId: "privileged",
  level: "baseline",
  summary: "no privileged container (securityContext.privileged)",
  check: checkPrivileged,
};
