import type { IContainerPort } from "kubernetes-models/v1/ContainerPort";
import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { list, podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** A host port binds the node's own network interface, bypassing network policy. */
export function checkHostPorts(spec: PodSpec): RuleMessage[] {
  const messages: RuleMessage[] = [];
  for (const { label, container } of podContainers(spec)) {
    const declared = list<IContainerPort>(container.ports).map((p) => p?.hostPort);
    if (declared.some(isUnknown)) messages.push(undetermined(`${label} ports[].hostPort`));
    // Unset and 0 both mean "no host port".
    const hostPorts = declared.filter((p) => !isUnknown(p) && p != null && p !== 0);
    if (hostPorts.length) messages.push(`${label} must not set ports[].hostPort (uses ${hostPorts.map(quote).join(", ")})`);
  }
  return messages;
}

export const hostPorts: PodSecurityRule = {
  name: "pss-host-ports",
  checkId: "hostPorts",
  level: "baseline",
  summary: "no container port with a hostPort",
  check: checkHostPorts,
};
