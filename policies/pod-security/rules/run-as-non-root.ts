import { isUnknown, judge, undetermined, type RuleMessage } from "../../engine/unknown";
import { inUserNamespace, podContainers, unlessExempt, USER_NAMESPACE_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * Every container must run with runAsNonRoot=true, set on the container or inherited from the pod, and none
 * may set it false. From v1.35 a pod in its own user namespace (`hostUsers: false`) is exempt: its root is
 * unprivileged on the node.
 */
export function checkRunAsNonRoot(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  return unlessExempt(podSecurityMinor(version) >= 35 ? inUserNamespace(spec) : false, USER_NAMESPACE_POD, () => {
    const field = "securityContext.runAsNonRoot";
    const podValue = spec.securityContext?.runAsNonRoot;
    const messages = judge(podValue, (v) => v === false, () => `pod must not set ${field}=false`, `pod ${field}`);
    for (const { label, container } of podContainers(spec)) {
      const value = container.securityContext?.runAsNonRoot;
      if (isUnknown(value)) messages.push(undetermined(`${label} ${field}`));
      else if (value === false) messages.push(`${label} must not set ${field}=false`);
      else if (value == null && isUnknown(podValue)) messages.push(undetermined(`pod ${field} (which ${label} inherits)`));
      else if (value == null && podValue !== true) messages.push(`pod or ${label} must set ${field}=true`);
    }
    return messages;
  });
}

export const runAsNonRoot: PodSecurityRule = {
  name: "pss-run-as-non-root",
  checkId: "runAsNonRoot",
  level: "restricted",
  summary: "runAsNonRoot: true on the pod or every container, never false (pods with hostUsers: false exempt from v1.35)",
  check: checkRunAsNonRoot,
};
