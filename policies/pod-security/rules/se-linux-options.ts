import type { ISELinuxOptions } from "kubernetes-models/v1/SELinuxOptions";
import { podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/** The container types of the SELinux policy; container_engine_t (for nested container engines) from v1.31. */
export function allowedSeLinuxTypes(minor: number): ReadonlySet<string> {
  const types = ["", "container_t", "container_init_t", "container_kvm_t"];
  return new Set(minor >= 31 ? [...types, "container_engine_t"] : types);
}

/**
 * SELinux may only pick one of the container types (or leave it unset); a custom user or role would escape
 * the container policy. The level (MCS categories) is free.
 */
export function checkSeLinuxOptions(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  const allowed = allowedSeLinuxTypes(podSecurityMinor(version));
  const problems = (options: ISELinuxOptions | undefined): string[] => {
    if (!options) return [];
    const found: string[] = [];
    if (!allowed.has(options.type ?? "")) found.push(`seLinuxOptions.type to ${quote(options.type)}`);
    if (options.user) found.push(`seLinuxOptions.user (${quote(options.user)})`);
    if (options.role) found.push(`seLinuxOptions.role (${quote(options.role)})`);
    return found;
  };
  const messages: string[] = [];
  const report = (who: string, options: ISELinuxOptions | undefined) => {
    const found = problems(options);
    if (found.length) messages.push(`${who} must not set securityContext.${found.join(", nor ")}`);
  };
  report("pod", spec.securityContext?.seLinuxOptions);
  for (const { label, container } of podContainers(spec)) report(label, container.securityContext?.seLinuxOptions);
  return messages;
}

export const seLinuxOptions: PodSecurityRule = {
  name: "pss-se-linux-options",
  checkId: "seLinuxOptions",
  level: "baseline",
  summary: "seLinuxOptions.type only container_t, container_init_t, container_kvm_t (container_engine_t from v1.31); no user or role",
  check: checkSeLinuxOptions,
};
