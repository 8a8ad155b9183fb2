import { inUserNamespace, podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/** Containers that unmask /proc (any procMount but "Default"), exposing the host's kernel interfaces. */
export function unmaskedProcMounts(spec: PodSpec): string[] {
  return podContainers(spec)
    .filter(({ container }) => container.securityContext?.procMount != null && container.securityContext.procMount !== "Default")
    .map(({ label, container }) => `${label} must not set securityContext.procMount to ${quote(container.securityContext!.procMount)}`);
}

/**
 * Baseline keeps the default /proc masks. From v1.35 a pod in its own user namespace (`hostUsers: false`) may
 * unmask them: its /proc is its own. Restricted never allows it (pss-proc-mount-restricted).
 */
export function checkProcMount(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  if (podSecurityMinor(version) >= 35 && inUserNamespace(spec)) return [];
  return unmaskedProcMounts(spec);
}

export const procMount: PodSecurityRule = {
  name: "pss-proc-mount",
  checkId: "procMount",
  level: "baseline",
  summary: "procMount only Default (from v1.35 any value in a pod with hostUsers: false)",
  check: checkProcMount,
};
