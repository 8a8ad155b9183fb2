import { judge, type RuleMessage } from "../../engine/unknown";
import { podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** Windows HostProcess containers run directly on the node, with its privileges: baseline forbids them. */
export function checkHostProcess(spec: PodSpec): RuleMessage[] {
  const field = "securityContext.windowsOptions.hostProcess";
  const check = (who: string, value: unknown) => judge(value, (v) => v === true, () => `${who} must not set ${field}=true`, `${who} ${field}`);
  return [
    ...check("pod", spec.securityContext?.windowsOptions?.hostProcess),
    ...podContainers(spec).flatMap(({ label, container }) => check(label, container.securityContext?.windowsOptions?.hostProcess)),
  ];
}

export const hostProcess: PodSecurityRule = {
  name: "pss-host-process",
  checkId: "hostProcess",
  level: "baseline",
  summary: "no Windows HostProcess pod or container (securityContext.windowsOptions.hostProcess)",
  check: checkHostProcess,
};
