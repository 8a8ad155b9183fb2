import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { list, podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** The capabilities a container runtime grants by default anyway (Docker's set minus NET_RAW): adding them is harmless. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
  "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

/** Adding any other capability (exact, case-sensitive names, as the kubelet reads them) is forbidden. */
export function checkCapabilitiesBaseline(spec: PodSpec): RuleMessage[] {
  const messages: RuleMessage[] = [];
  for (const { label, container } of podContainers(spec)) {
    const added = list<string>(container.securityContext?.capabilities?.add);
    if (added.some(isUnknown)) messages.push(undetermined(`${label} securityContext.capabilities.add`));
    const forbidden = added.filter((c) => !isUnknown(c) && !BASELINE_CAPABILITIES.has(c));
    if (forbidden.length) {
      messages.push(`${label} must not add ${forbidden.map(quote).join(", ")} to securityContext.capabilities.add (baseline allows only the runtime's default set)`);
    }
  }
  return messages;
}

export const capabilitiesBaseline: PodSecurityRule = {
  name: "pss-capabilities-baseline",
  checkId: "capabilities_baseline",
  level: "baseline",
  summary: "capabilities.add only from the runtime's default set (AUDIT_WRITE, CHOWN, … SYS_CHROOT; not NET_RAW)",
  check: checkCapabilitiesBaseline,
};
