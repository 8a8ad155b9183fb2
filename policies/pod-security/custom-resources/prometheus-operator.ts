import type { IContainer } from "kubernetes-models/v1/Container";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { isObject, list, record } from "../../engine/fields";
import { isUnknown } from "../../engine/unknown";
import type { PodSpec } from "../pod";
import type { PodSpecExtractorEntry } from "../pod-spec";
import { operatorContainer, operatorPod, patchedContainer, podMetadata } from "./operator-pod";

/**
 * prometheus-operator (`monitoring.coreos.com`): the pod of each `Prometheus`, `PrometheusAgent`,
 * `Alertmanager` and `ThanosRuler` (its StatefulSet's template), as operator v0.93 builds it:
 * - the pod: `spec.securityContext` as given (the operator adds none when it is unset), `hostNetwork`,
 *   `hostUsers`, `volumes`, and `spec.podMetadata`'s labels and annotations;
 * - the operator's containers, each with the fixed security context the operator gives them (no privilege
 *   escalation, read-only root, every capability dropped): the main one (`prometheus`, `alertmanager`,
 *   `thanos-ruler`) with `spec.resources`, `config-reloader` (and the init container `init-config-reloader`)
 *   with the operator's default resources, and for a Prometheus with `spec.thanos` the `thanos-sidecar` with
 *   `spec.thanos.resources`;
 * - the resource's own `containers` and `initContainers`: one named like an operator container is patched
 *   onto it (a strategic merge: what it sets wins, `privileged: true` included); any other is added as it is.
 */

export const PROMETHEUS_OPERATOR_API_GROUP = "monitoring.coreos.com";

/** The security context operator v0.93 gives every container it builds. */
export const PROMETHEUS_OPERATOR_CONTAINER_SECURITY_CONTEXT: ISecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
};

/** The config reloader's requests and limits when the operator's flags leave them at their defaults. */
const RELOADER_RESOURCES = { requests: { cpu: "10m", memory: "50Mi" }, limits: { cpu: "10m", memory: "50Mi" } };

function built(name: string, resources: unknown): IContainer {
  return operatorContainer(name, { securityContext: PROMETHEUS_OPERATOR_CONTAINER_SECURITY_CONTEXT, resources });
}

/** The resource's containers: those named like an operator container patch it, the others are added. */
function withDeclared(operatorContainers: IContainer[], declared: unknown): IContainer[] {
  const names = new Set(operatorContainers.map((c) => c.name));
  const extra = list<IContainer>(declared).filter((c) => isUnknown(c) || !names.has(record(c).name as string));
  return [...operatorContainers.map((c) => patchedContainer(c, declared)), ...extra];
}

function statefulPod(main: string, withThanosSidecar = false) {
  return (object: Record<string, unknown>) => {
    const spec = record(object.spec);
    const containers = [
      built(main, spec.resources),
      built("config-reloader", RELOADER_RESOURCES),
      ...(withThanosSidecar && isObject(spec.thanos) ? [built("thanos-sidecar", record(spec.thanos).resources)] : []),
    ];
    const podSpec: PodSpec = {
      securityContext: spec.securityContext as PodSpec["securityContext"],
      hostNetwork: spec.hostNetwork as PodSpec["hostNetwork"],
      hostUsers: spec.hostUsers as PodSpec["hostUsers"],
      volumes: spec.volumes as PodSpec["volumes"],
      initContainers: withDeclared([built("init-config-reloader", RELOADER_RESOURCES)], spec.initContainers),
      containers: withDeclared(containers, spec.containers),
    };
    return [operatorPod("spec", podMetadata(spec.podMetadata), podSpec)];
  };
}

export const PROMETHEUS_OPERATOR_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [
  { apiGroup: PROMETHEUS_OPERATOR_API_GROUP, kind: "Prometheus", extract: statefulPod("prometheus", true) },
  { apiGroup: PROMETHEUS_OPERATOR_API_GROUP, kind: "PrometheusAgent", extract: statefulPod("prometheus") },
  { apiGroup: PROMETHEUS_OPERATOR_API_GROUP, kind: "Alertmanager", extract: statefulPod("alertmanager") },
  { apiGroup: PROMETHEUS_OPERATOR_API_GROUP, kind: "ThanosRuler", extract: statefulPod("thanos-ruler") },
];
