import { isWindowsPod, list, podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/**
 * From v1.22 every container must drop ALL capabilities and may add back only NET_BIND_SERVICE (to bind
 * ports below 1024 as non-root). Windows pods are exempt from v1.25.
 */
export function checkCapabilitiesRestricted(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  const minor = podSecurityMinor(version);
  if (minor < 22 || (minor >= 25 && isWindowsPod(spec))) return [];
  const messages: string[] = [];
  for (const { label, container } of podContainers(spec)) {
    const capabilities = container.securityContext?.capabilities;
    if (!list<string>(capabilities?.drop).includes("ALL")) messages.push(`${label} must set securityContext.capabilities.drop=["ALL"]`);
    const forbidden = list<string>(capabilities?.add).filter((c) => c !== "NET_BIND_SERVICE");
    if (forbidden.length) messages.push(`${label} must not add ${forbidden.map(quote).join(", ")} to securityContext.capabilities.add (only "NET_BIND_SERVICE" is allowed)`);
  }
  return messages;
}

export const capabilitiesRestricted: PodSecurityRule = {
  name: "pss-capabilities-restricted",
  checkId: "capabilities_restricted",
  level: "restricted",
  summary: "from v1.22: every container drops ALL and adds at most NET_BIND_SERVICE (Windows pods exempt from v1.25)",
  check: checkCapabilitiesRestricted,
};
