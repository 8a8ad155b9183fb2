import type { PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** Sharing the node's network, PID or IPC namespace breaks the pod's isolation from the node. */
export function checkHostNamespaces(spec: PodSpec): string[] {
  return (["hostNetwork", "hostPID", "hostIPC"] as const).filter((field) => spec[field] === true).map((field) => `pod must not set ${field}=true`);
}

export const hostNamespaces: PodSecurityRule = {
  name: "pss-host-namespaces",
  checkId: "hostNamespaces",
  level: "baseline",
  summary: "no hostNetwork, hostPID or hostIPC",
  check: checkHostNamespaces,
};
