import type { ISysctl } from "kubernetes-models/v1/Sysctl";
import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { list, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * Sysctls namespaced to the pod and isolated from other pods on the node; the list grows as the kubelet
 * marks more of them safe.
 */
const SAFE_SYSCTLS_BY_VERSION: ReadonlyArray<{ since: number; names: string[] }> = [
  { since: 0, names: ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"] },
  { since: 27, names: ["net.ipv4.ip_local_reserved_ports"] },
  { since: 29, names: ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"] },
  { since: 32, names: ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"] },
  { since: 37, names: ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"] },
];

export function safeSysctls(minor: number): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS_BY_VERSION.filter((s) => minor >= s.since).flatMap((s) => s.names));
}

/** Other sysctls can disable security mechanisms or affect every pod on the node. */
export function checkSysctls(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const safe = safeSysctls(podSecurityMinor(version));
  const names = list<ISysctl>(spec.securityContext?.sysctls).map((s) => s?.name);
  const messages: RuleMessage[] = names.some(isUnknown) ? [undetermined("pod securityContext.sysctls[].name")] : [];
  const forbidden = names.filter((name) => !isUnknown(name) && !safe.has(name));
  if (forbidden.length) messages.push(`pod must not set securityContext.sysctls ${forbidden.map(quote).join(", ")} (not in the safe set of ${version})`);
  return messages;
}

export const sysctls: PodSecurityRule = {
  name: "pss-sysctls",
  checkId: "sysctls",
  level: "baseline",
  summary: "only safe sysctls: kernel.shm_rmid_forced, net.ipv4.{ip_local_port_range, tcp_syncookies, ping_group_range, ip_unprivileged_port_start}; from v1.27 ip_local_reserved_ports, from v1.29 tcp_keepalive_{time,intvl,probes} and tcp_fin_timeout, from v1.32 tcp_rmem and tcp_wmem, from v1.37 tcp_slow_start_after_idle and tcp_notsent_lowat",
  check: checkSysctls,
};
