import type { IContainer } from "kubernetes-models/v1/Container";
import { isObject, list, record } from "../../engine/fields";
import { isUnknown } from "../../engine/unknown";
import type { PodSpec } from "../pod";
import type { PodSpecExtractorEntry, PodSpecSite } from "../pod-spec";
import { firstObject, operatorContainer, operatorPod, podMetadata } from "./operator-pod";

/**
 * OpsTree redis-operator (`redis.redis.opstreelabs.in`, `RedisCluster`): a StatefulSet per role (leaders,
 * followers), each pod with:
 * - the pod security context `spec.podSecurityContext`, `spec.hostNetwork`, and the extra volumes of
 *   `spec.storage.volumeMount.volume` (any volume source: a hostPath there is a hostPath in the pod);
 * - the Redis container `<name>-leader` / `<name>-follower` with the role's `securityContext`, the role's
 *   resources (else the cluster's `resources`, else `kubernetesConfig.resources`) and, with
 *   `spec.hostPort`, that host port on the Redis port;
 * - the exporter (`redis-exporter`) when `redisExporter.enabled`, each of `spec.sidecars`, and the init
 *   container (`init-config`) when `initContainer.enabled`, each with its own security context and resources.
 * The operator adds no security context of its own: what the resource leaves out, the pod runs without.
 */

export const OPSTREE_API_GROUP = "redis.redis.opstreelabs.in";

/** An optional container is judged when enabled, or when whether it is is unknown. */
const enabled = (settings: Record<string, unknown>) => settings.enabled === true || isUnknown(settings.enabled);
const DEFAULT_REDIS_PORT = 6379;

function rolePod(object: Record<string, unknown>, role: "leader" | "follower"): PodSpecSite {
  const spec = record(object.spec);
  const field = role === "leader" ? "redisLeader" : "redisFollower";
  const settings = record(spec[field]);
  const exporter = record(spec.redisExporter);
  const init = record(spec.initContainer);
  const port = typeof spec.port === "number" ? spec.port : DEFAULT_REDIS_PORT;
  const redis = operatorContainer(`${String(record(object.metadata).name ?? "redis")}-${role}`, {
    securityContext: settings.securityContext,
    resources: firstObject(settings.resources, spec.resources, record(spec.kubernetesConfig).resources),
    ports: spec.hostPort !== undefined ? [{ containerPort: port, hostPort: spec.hostPort }] : undefined,
  });
  const sidecars = list<unknown>(spec.sidecars).map((s) => {
    const sidecar = record(s);
    return operatorContainer(String(sidecar.name ?? ""), { securityContext: sidecar.securityContext, resources: sidecar.resources, ports: sidecar.ports });
  });
  const containers: IContainer[] = [
    redis,
    ...(enabled(exporter) ? [operatorContainer("redis-exporter", { securityContext: exporter.securityContext, resources: exporter.resources })] : []),
    ...sidecars,
  ];
  const podSpec: PodSpec = {
    securityContext: spec.podSecurityContext as PodSpec["securityContext"],
    hostNetwork: spec.hostNetwork as PodSpec["hostNetwork"],
    volumes: isObject(record(spec.storage).volumeMount) ? (record(record(spec.storage).volumeMount).volume as PodSpec["volumes"]) : undefined,
    ...(enabled(init) ? { initContainers: [operatorContainer("init-config", { securityContext: init.securityContext, resources: init.resources })] } : {}),
    containers,
  };
  return operatorPod(`spec.${field}`, podMetadata(), podSpec);
}

const redisCluster: PodSpecExtractorEntry = {
  apiGroup: OPSTREE_API_GROUP,
  kind: "RedisCluster",
  extract: (object) => [rolePod(object, "leader"), rolePod(object, "follower")],
};

export const OPSTREE_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [redisCluster];
