import type { RuleMessage } from "../../engine/unknown";
import type { PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";
import { unmaskedProcMounts } from "./proc-mount";

/**
 * From v1.35, when baseline's pss-proc-mount lets user-namespaced pods unmask /proc, restricted keeps
 * forbidding it for every pod. (Before v1.35 pss-proc-mount itself forbids it for every pod.)
 */
export function checkProcMountRestricted(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  return podSecurityMinor(version) >= 35 ? unmaskedProcMounts(spec) : [];
}

export const procMountRestricted: PodSecurityRule = {
  name: "pss-proc-mount-restricted",
  checkId: "procMount_restricted",
  level: "restricted",
  summary: "from v1.35: procMount only Default, also in pods with hostUsers: false",
  check: checkProcMountRestricted,
};
