import { podContainers, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** Windows HostProcess containers run directly on the node, with its privileges: baseline forbids them. */
export function checkHostProcess(spec: PodSpec): string[] {
  const field = "securityContext.windowsOptions.hostProcess=true";
  const messages: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) messages.push(`pod must not set ${field}`);
  for (const { label, container } of podContainers(spec)) {
    if (container.securityContext?.windowsOptions?.hostProcess === true) messages.push(`${label} must not set ${field}`);
  }
  return messages;
}

export const hostProcess: PodSecurityRule = {
  name: "pss-host-process",
  checkId: "hostProcess",
  level: "baseline",
  summary: "no Windows HostProcess pod or container (securityContext.windowsOptions.hostProcess)",
  check: checkHostProcess,
};
