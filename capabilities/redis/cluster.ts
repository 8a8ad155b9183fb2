import type { RedisSpec } from "./spec";
import type { PlacementSpec } from "../../config/layers/spec";
import { dataServiceTraffic } from "../../platform/data-services";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import { statefulPlacement } from "../../manifests/data/placement";
import type { GeneratedSecretSpec } from "../../manifests/data/plan";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { CONFIG_MAP, PASSWORD_SECRET, REDIS_CLUSTER, REDIS_NAMESPACE, REDIS_PORT, rolePodLabels } from "./names";
import { dataPodMeshAnnotations } from "../../manifests/data/namespaces";

export const REDIS_API_VERSION = "redis.redis.opstreelabs.in/v1beta2";
/** The user and group the OpsTree Redis image runs as. */
export const REDIS_USER_ID = 1000;
const NODE_CONF_SIZE = "1Gi";

/**
 * Redis's container: non-root, no escalation, no capabilities, RuntimeDefault seccomp. Its root filesystem
 * stays writable: the image's entrypoint writes redis.conf under /etc/redis at start.
 */
function redisContainerSecurity() {
  return { ...restrictedContainerSecurityContext(), readOnlyRootFilesystem: false, runAsUser: REDIS_USER_ID, runAsGroup: REDIS_USER_ID };
}

function role(spec: RedisSpec, which: "leader" | "follower", replicas: number, placement: PlacementSpec) {
  const pods = statefulPlacement(rolePodLabels(which), placement);
  return {
    replicas,
    nodeSelector: pods.nodeSelector,
    tolerations: pods.tolerations,
    affinity: pods.affinity,
    topologySpreadConstraints: pods.topologySpreadConstraints,
    // One pod of each role may be down at a time: a leader's slots fail over to its follower.
    pdb: { enabled: true, maxUnavailable: 1 },
    securityContext: redisContainerSecurity(),
    redisConfig: { additionalRedisConfig: CONFIG_MAP.name },
  };
}

function claim(size: string, storageClass: string | undefined) {
  return { spec: { accessModes: ["ReadWriteOnce"], ...(storageClass ? { storageClassName: storageClass } : {}), resources: { requests: { storage: size } } } };
}

/** The operator copies the cluster's annotations onto its StatefulSets' pods: the data pods' mesh settings, if any. */
function podAnnotations(): { annotations?: Record<string, string> } {
  const annotations = dataPodMeshAnnotations("redis");
  return Object.keys(annotations).length ? { annotations } : {};
}

/**
 * The RedisCluster: leaders and followers on the stateful pool (one per host per role, spread over zones),
 * persistent data and node-conf volumes, the password from the generated Secret, the exporter sidecar,
 * PDBs per role, pinned images, non-root.
 */
export function redisCluster(spec: RedisSpec, labels: Record<string, string>, placement: PlacementSpec): KubernetesObject {
  return {
    apiVersion: REDIS_API_VERSION,
    kind: "RedisCluster",
    metadata: { name: REDIS_CLUSTER, namespace: REDIS_NAMESPACE, labels, ...podAnnotations() },
    spec: {
      clusterSize: spec.leaders,
      clusterVersion: "v7",
      port: REDIS_PORT,
      persistenceEnabled: true,
      podSecurityContext: { runAsNonRoot: true, runAsUser: REDIS_USER_ID, runAsGroup: REDIS_USER_ID, fsGroup: REDIS_USER_ID, seccompProfile: { type: "RuntimeDefault" } },
      kubernetesConfig: {
        image: spec.image,
        imagePullPolicy: "IfNotPresent",
        resources: spec.resources,
        redisSecret: { name: PASSWORD_SECRET.name, key: PASSWORD_SECRET.key },
      },
      redisExporter: {
        enabled: true,
        image: spec.exporterImage,
        imagePullPolicy: "IfNotPresent",
        port: dataServiceTraffic.redis.metricsPorts[0],
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
        securityContext: { ...restrictedContainerSecurityContext(), runAsUser: REDIS_USER_ID, runAsGroup: REDIS_USER_ID },
      },
      redisLeader: role(spec, "leader", spec.leaders, placement),
      redisFollower: role(spec, "follower", spec.followers, placement),
      storage: {
        volumeClaimTemplate: claim(spec.storage.size, spec.storage.storageClass),
        // cluster-nodes.conf survives restarts: a node comes back with its identity and slots.
        nodeConfVolume: true,
        nodeConfVolumeClaimTemplate: claim(NODE_CONF_SIZE, spec.storage.storageClass),
      },
    },
  };
}

/** Extra redis.conf lines: AOF persistence (fsync every second) or none. */
export function redisConfigMap(spec: RedisSpec, labels: Record<string, string>): KubernetesObject {
  const lines = spec.appendOnly ? ["appendonly yes", "appendfsync everysec"] : ["appendonly no"];
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: CONFIG_MAP.name, namespace: REDIS_NAMESPACE, labels }, data: { [CONFIG_MAP.key]: `${lines.join("\n")}\n` } };
}

/** The Redis password: generated at deploy time (32 letters and digits), never in config or a rendered file. */
export function redisPasswordSecret(labels: Record<string, string>): GeneratedSecretSpec {
  return { namespace: REDIS_NAMESPACE, name: PASSWORD_SECRET.name, key: PASSWORD_SECRET.key, length: 32, labels };
}
