import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { judge, type RuleMessage } from "../../engine/unknown";
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
export function checkHostProbesAndHostLifecycle(spec: PodSpec, _metadata: unknown, version: PodSecurityVersion): RuleMessage[] {
  if (podSecurityMinor(version) < 34) return [];
  return podContainers(spec).flatMap(({ label, container }) =>
    handlers(container).flatMap(([field, handler]) =>
      (["httpGet", "tcpSocket"] as const).flatMap((action) => {
        const host = handler?.[action]?.host;
        return judge(host, (h) => Boolean(h), () => `${label} must not set ${field}.${action}.host (${quote(host)})`, `${label} ${field}.${action}.host`);
      }),
    ),
  );
}

export const hostProbesAndHostLifecycle: PodSecurityRule = {
  name: "pss-host-probes-and-host-lifecycle",
  checkId: "hostProbesAndHostLifecycle",
  level: "baseline",
  summary: "from v1.34: no host in probes' or lifecycle hooks' httpGet/tcpSocket",
  check: checkHostProbesAndHostLifecycle,
};
