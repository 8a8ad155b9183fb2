import { judge, type RuleMessage } from "../../engine/unknown";
import { inUserNamespace, podContainers, unlessExempt, USER_NAMESPACE_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * From v1.23 no one may set runAsUser=0 (root), on the pod or a container; unset is allowed (runAsNonRoot
 * covers the image's user). From v1.35 a pod in its own user namespace is exempt.
 */
export function checkRunAsUser(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const minor = podSecurityMinor(version);
  if (minor < 23) return [];
  const field = "securityContext.runAsUser";
  const check = (who: string, value: unknown) => judge(value, (v) => v === 0, () => `${who} must not set ${field}=0`, `${who} ${field}`);
  return unlessExempt(minor >= 35 ? inUserNamespace(spec) : false, USER_NAMESPACE_POD, () => [
    ...check("pod", spec.securityContext?.runAsUser),
    ...podContainers(spec).flatMap(({ label, container }) => check(label, container.securityContext?.runAsUser)),
  ]);
}

export const runAsUser: PodSecurityRule = {
  name: "pss-run-as-user",
  checkId: "runAsUser",
  level: "restricted",
  summary: "from v1.23: runAsUser never 0 (pods with hostUsers: false exempt from v1.35)",
  check: checkRunAsUser,
};
