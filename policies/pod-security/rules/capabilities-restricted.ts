import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { isWindowsPod, list, podContainers, quote, unlessExempt, WINDOWS_POD, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * From v1.22 every container must drop ALL capabilities and may add back only NET_BIND_SERVICE (to bind
 * ports below 1024 as non-root). Windows pods are exempt from v1.25.
 */
export function checkCapabilitiesRestricted(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  const minor = podSecurityMinor(version);
  if (minor < 22) return [];
  return unlessExempt(minor >= 25 ? isWindowsPod(spec) : false, WINDOWS_POD, () => {
    const messages: RuleMessage[] = [];
    for (const { label, container } of podContainers(spec)) {
      const capabilities = container.securityContext?.capabilities;
      const dropped = list<string>(capabilities?.drop);
      if (!dropped.includes("ALL")) {
        if (dropped.some(isUnknown)) messages.push(undetermined(`${label} securityContext.capabilities.drop`));
        else messages.push(`${label} must set securityContext.capabilities.drop=["ALL"]`);
      }
      const added = list<string>(capabilities?.add);
      if (added.some(isUnknown)) messages.push(undetermined(`${label} securityContext.capabilities.add`));
      const forbidden = added.filter((c) => !isUnknown(c) && c !== "NET_BIND_SERVICE");
      if (forbidden.length) messages.push(`${label} must not add ${forbidden.map(quote).join(", ")} to securityContext.capabilities.add (only "NET_BIND_SERVICE" is allowed)`);
    }
    return messages;
  });
}

export const capabilitiesRestricted: PodSecurityRule = {
  name: "pss-capabilities-restricted",
  checkId: "capabilities_restricted",
  level: "restricted",
  summary: "from v1.22: every container drops ALL and adds at most NET_BIND_SERVICE (Windows pods exempt from v1.25)",
  check: checkCapabilitiesRestricted,
};
