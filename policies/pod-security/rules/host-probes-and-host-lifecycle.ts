import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { podContainers, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/** Probes and lifecycle handlers share the fields that matter here. */
type Handler = Pick<IProbe, "httpGet" | "tcpSocket"> | undefined;

/** The handler fields that can point the kubelet (on the node's network) at another host. */
function handlers(container: IContainer): Array<[string, Handler]> {
  return [
    ["livenessProbe", container.livenessProbe],
    ["readinessProbe", container.readinessProbe],
    ["startupProbe", container.startupProbe],
    // tcpSocket is no lifecycle handler any more, but old objects carry it and the kubelet once honoured it.
    ["lifecycle.postStart", container.lifecycle?.postStart],
    ["lifecycle.preStop", container.lifecycle?.preStop],
  ];
}

/**
 * From v1.34: probes and lifecycle hooks run from the kubelet, so a `host` there makes the node call any
 * address it can reach. Only the pod's own IP (host unset or empty) is allowed.
 */
export function checkHostProbesAndHostLifecycle(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): string[] {
  if (podSecurityMinor(version) < 34) return [];
  const messages: string[] = [];
  for (const { label, container } of podContainers(spec)) {
    for (const [field, handler] of handlers(container)) {
      for (const action of ["httpGet", "tcpSocket"] as const) {
        const host = handler?.[action]?.host;
        if (host) messages.push(`${label} must not set ${field}.${action}.host (${quote(host)})`);
      }
    }
  }
  return messages;
}

export const hostProbesAndHostLifecycle: PodSecurityRule = {
  name: "pss-host-probes-and-host-lifecycle",
  checkId: "hostProbesAndHostLifecycle",
  level: "baseline",
  summary: "from v1.34: no host in probes' or lifecycle hooks' httpGet/tcpSocket",
  check: checkHostProbesAndHostLifecycle,
};
