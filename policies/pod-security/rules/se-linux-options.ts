import type { ISELinuxOptions } from "kubernetes-models/v1/SELinuxOptions";
import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
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
export function checkSeLinuxOptions(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const allowed = allowedSeLinuxTypes(podSecurityMinor(version));
  const messages: RuleMessage[] = [];
  const report = (who: string, options: ISELinuxOptions | undefined) => {
    if (!options) return;
    const unknown = (["type", "user", "role"] as const).filter((f) => isUnknown(options[f]));
    if (unknown.length) messages.push(undetermined(`${who} securityContext.seLinuxOptions.${unknown.join("/")}`));
    const found: string[] = [];
    if (!isUnknown(options.type) && !allowed.has(options.type ?? "")) found.push(`seLinuxOptions.type to ${quote(options.type)}`);
    if (!isUnknown(options.user) && options.user) found.push(`seLinuxOptions.user (${quote(options.user)})`);
    if (!isUnknown(options.role) && options.role) found.push(`seLinuxOptions.role (${quote(options.role)})`);
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
