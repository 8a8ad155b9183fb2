import { judge, type RuleMessage } from "../../engine/unknown";
import type { PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** Sharing the node's network, PID or IPC namespace breaks the pod's isolation from the node. */
export function checkHostNamespaces(spec: PodSpec): RuleMessage[] {
  return (["hostNetwork", "hostPID", "hostIPC"] as const).flatMap((field) => judge(spec[field], (v) => v === true, () => `pod must not set ${field}=true`, `pod ${field}`));
}

export const hostNamespaces: PodSecurityRule = {
  name: "pss-host-namespaces",
  checkId: "hostNamespaces",
  level: "baseline",
  summary: "no hostNetwork, hostPID or hostIPC",
  check: checkHostNamespaces,
};
