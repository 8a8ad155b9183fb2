import type { KubernetesObjectLike } from "../../policies/pod-security/pod-spec";

/**
 * Every pod-bearing kind the pack's table knows (POD_SPEC_EXTRACTORS), each as a builder of a compliant
 * object of that kind, into which a Pod Security control's violation can be patched where the kind has a
 * field for it. A kind without the field (Strimzi's pod template has no hostNetwork, PGO's instances no pod
 * security context) cannot carry that violation, so there is no bypass to close there: the builder says so
 * (undefined) and the corpus leaves the pair out.
 */

/** A violation, as the fields it sets: on the pod, its security context, the (first) container, its security context. */
export interface PodPatch {
  pod?: Record<string, unknown>;
  podSecurityContext?: Record<string, unknown>;
  container?: Record<string, unknown>;
  containerSecurityContext?: Record<string, unknown>;
}

export const RESOURCES = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };
export const IMAGE = "ghcr.io/example/app:1.2.3";
const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const LABELS = { app: "hostile" };

/** The pod-level fields a kind can carry (every kind carries a container's security context). */
interface Carries {
  hostNetwork: boolean;
  volumes: boolean;
  hostUsers: boolean;
  podSecurityContext: boolean;
  /** Container fields besides its security context: ports (a host port) and probes. */
  ports: boolean;
  probes: boolean;
}

const EVERYTHING: Carries = { hostNetwork: true, volumes: true, hostUsers: true, podSecurityContext: true, ports: true, probes: true };

/** Whether a kind can carry a patch. */
function carries(kind: Carries, patch: PodPatch): boolean {
  const pod = patch.pod ?? {};
  if ("hostNetwork" in pod && !kind.hostNetwork) return false;
  if ("volumes" in pod && !kind.volumes) return false;
  if (patch.podSecurityContext && !kind.podSecurityContext) return false;
  const container = patch.container ?? {};
  if ("ports" in container && !kind.ports) return false;
  if (["readinessProbe", "livenessProbe", "startupProbe"].some((p) => p in container) && !kind.probes) return false;
  return true;
}

/** A restricted pod spec with one container, the patch applied. */
function podSpec(patch: PodPatch, containerName = "app"): Record<string, unknown> {
  return {
    securityContext: { ...RESTRICTED_POD, ...(patch.podSecurityContext ?? {}) },
    containers: [{ name: containerName, image: IMAGE, resources: RESOURCES, ...(patch.container ?? {}), securityContext: { ...RESTRICTED_CONTAINER, ...(patch.containerSecurityContext ?? {}) } }],
    ...(patch.pod ?? {}),
  };
}

const template = (patch: PodPatch) => ({ metadata: { labels: LABELS }, spec: podSpec(patch) });
const meta = (name: string, namespace: string) => ({ name, namespace, labels: LABELS });

export interface PodKind {
  apiVersion: string;
  kind: string;
  carries: Carries;
  build(name: string, namespace: string, patch: PodPatch): KubernetesObjectLike;
}

function workload(apiVersion: string, kind: string, extra: Record<string, unknown> = {}): PodKind {
  return { apiVersion, kind, carries: EVERYTHING, build: (name, namespace, patch) => ({ apiVersion, kind, metadata: meta(name, namespace), spec: { selector: { matchLabels: LABELS }, ...extra, template: template(patch) } }) };
}

/** A Strimzi `PodTemplate`'s fields: security context, volumes, hostUsers (no host network, ports or probes). */
const STRIMZI: Carries = { hostNetwork: false, volumes: true, hostUsers: true, podSecurityContext: true, ports: false, probes: false };

function strimziPodTemplate(patch: PodPatch): Record<string, unknown> {
  const pod = patch.pod ?? {};
  return { securityContext: { ...RESTRICTED_POD, ...(patch.podSecurityContext ?? {}) }, ...("volumes" in pod ? { volumes: pod.volumes } : {}), ...("hostUsers" in pod ? { hostUsers: pod.hostUsers } : {}) };
}
const strimziContainer = (patch: PodPatch) => ({ securityContext: { ...RESTRICTED_CONTAINER, ...(patch.containerSecurityContext ?? {}) } });

function strimziWorkers(kind: "KafkaConnect" | "KafkaMirrorMaker2" | "KafkaBridge"): PodKind {
  const container = kind === "KafkaBridge" ? "bridgeContainer" : "connectContainer";
  return {
    apiVersion: "kafka.strimzi.io/v1",
    kind,
    carries: STRIMZI,
    build: (name, namespace, patch) => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind,
      metadata: meta(name, namespace),
      spec: { replicas: 2, resources: RESOURCES, template: { pod: strimziPodTemplate(patch), [container]: strimziContainer(patch) } },
    }),
  };
}

/** prometheus-operator's resources: the pod fields, and a container patched onto the operator's main one by name. */
function prometheusOperator(kind: string, main: string, hostNetwork: boolean): PodKind {
  const apiVersion = kind === "PrometheusAgent" ? "monitoring.coreos.com/v1alpha1" : "monitoring.coreos.com/v1";
  return {
    apiVersion,
    kind,
    carries: { ...EVERYTHING, hostNetwork },
    build: (name, namespace, patch) => {
      const patched = patch.container || patch.containerSecurityContext ? [{ name: main, ...(patch.container ?? {}), ...(patch.containerSecurityContext ? { securityContext: patch.containerSecurityContext } : {}) }] : [];
      return {
        apiVersion,
        kind,
        metadata: meta(name, namespace),
        spec: { resources: RESOURCES, securityContext: { ...RESTRICTED_POD, runAsUser: 1000, fsGroup: 2000, ...(patch.podSecurityContext ?? {}) }, ...(patch.pod ?? {}), ...(patched.length ? { containers: patched } : {}) },
      };
    },
  };
}

export const POD_KINDS: readonly PodKind[] = [
  { apiVersion: "v1", kind: "Pod", carries: EVERYTHING, build: (name, namespace, patch) => ({ apiVersion: "v1", kind: "Pod", metadata: meta(name, namespace), spec: podSpec(patch) }) },
  { apiVersion: "v1", kind: "PodTemplate", carries: EVERYTHING, build: (name, namespace, patch) => ({ apiVersion: "v1", kind: "PodTemplate", metadata: meta(name, namespace), template: template(patch) }) },
  {
    apiVersion: "v1",
    kind: "ReplicationController",
    carries: EVERYTHING,
    build: (name, namespace, patch) => ({ apiVersion: "v1", kind: "ReplicationController", metadata: meta(name, namespace), spec: { replicas: 2, selector: LABELS, template: template(patch) } }),
  },
  workload("apps/v1", "Deployment", { replicas: 2 }),
  workload("apps/v1", "StatefulSet", { replicas: 2, serviceName: "hostile" }),
  workload("apps/v1", "DaemonSet"),
  workload("apps/v1", "ReplicaSet", { replicas: 2 }),
  workload("extensions/v1beta1", "Deployment", { replicas: 2 }),
  workload("extensions/v1beta1", "DaemonSet"),
  workload("extensions/v1beta1", "ReplicaSet", { replicas: 2 }),
  {
    apiVersion: "batch/v1",
    kind: "Job",
    carries: EVERYTHING,
    build: (name, namespace, patch) => ({ apiVersion: "batch/v1", kind: "Job", metadata: meta(name, namespace), spec: { template: { ...template(patch), spec: { ...podSpec(patch), restartPolicy: "Never" } } } }),
  },
  {
    apiVersion: "batch/v1",
    kind: "CronJob",
    carries: EVERYTHING,
    build: (name, namespace, patch) => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: meta(name, namespace),
      spec: { schedule: "@daily", jobTemplate: { spec: { template: { ...template(patch), spec: { ...podSpec(patch), restartPolicy: "Never" } } } } },
    }),
  },
  workload("argoproj.io/v1alpha1", "Rollout", { replicas: 2, strategy: { canary: {} } }),
  {
    apiVersion: "kafka.strimzi.io/v1",
    kind: "StrimziPodSet",
    carries: EVERYTHING,
    build: (name, namespace, patch) => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind: "StrimziPodSet",
      metadata: meta(name, namespace),
      spec: { selector: { matchLabels: LABELS }, pods: [{ apiVersion: "v1", kind: "Pod", metadata: { name: `${name}-0`, labels: LABELS }, spec: podSpec(patch, "kafka") }] },
    }),
  },
  {
    apiVersion: "kafka.strimzi.io/v1",
    kind: "KafkaNodePool",
    carries: STRIMZI,
    build: (name, namespace, patch) => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind: "KafkaNodePool",
      metadata: { ...meta(name, namespace), labels: { "strimzi.io/cluster": name } },
      spec: { replicas: 3, roles: ["broker"], storage: { type: "jbod", volumes: [{ id: 0, type: "persistent-claim", size: "10Gi" }] }, resources: RESOURCES, template: { pod: strimziPodTemplate(patch), kafkaContainer: strimziContainer(patch) } },
    }),
  },
  {
    apiVersion: "kafka.strimzi.io/v1",
    kind: "Kafka",
    carries: STRIMZI,
    build: (name, namespace, patch) => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind: "Kafka",
      metadata: meta(name, namespace),
      spec: {
        kafka: { listeners: [{ name: "tls", port: 9093, type: "internal", tls: true }] },
        entityOperator: { topicOperator: { resources: RESOURCES }, template: { pod: strimziPodTemplate(patch), topicOperatorContainer: strimziContainer(patch) } },
      },
    }),
  },
  strimziWorkers("KafkaConnect"),
  strimziWorkers("KafkaMirrorMaker2"),
  strimziWorkers("KafkaBridge"),
  {
    apiVersion: "postgres-operator.crunchydata.com/v1beta1",
    kind: "PostgresCluster",
    // PGO gives its own containers a fixed restricted context; a resource's own containers are plain ones.
    carries: { hostNetwork: false, volumes: false, hostUsers: false, podSecurityContext: false, ports: true, probes: true },
    build: (name, namespace, patch) => ({
      apiVersion: "postgres-operator.crunchydata.com/v1beta1",
      kind: "PostgresCluster",
      metadata: meta(name, namespace),
      spec: {
        postgresVersion: 18,
        instances: [
          {
            name: "i",
            replicas: 2,
            resources: RESOURCES,
            sidecars: { replicaCertCopy: { resources: RESOURCES } },
            dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
            containers: [{ name: "sidecar", image: IMAGE, resources: RESOURCES, ...(patch.container ?? {}), securityContext: { ...RESTRICTED_CONTAINER, ...(patch.containerSecurityContext ?? {}) } }],
          },
        ],
      },
    }),
  },
  {
    apiVersion: "redis.redis.opstreelabs.in/v1beta2",
    kind: "RedisCluster",
    // A pod security context, host network, extra volumes and a host port for the Redis port; no hostUsers or probes.
    carries: { hostNetwork: true, volumes: true, hostUsers: false, podSecurityContext: true, ports: true, probes: false },
    build: (name, namespace, patch) => {
      const pod = patch.pod ?? {};
      const hostPort = (patch.container?.ports as { hostPort?: unknown }[] | undefined)?.[0]?.hostPort;
      const role = { replicas: 3, securityContext: { ...RESTRICTED_CONTAINER, ...(patch.containerSecurityContext ?? {}) } };
      return {
        apiVersion: "redis.redis.opstreelabs.in/v1beta2",
        kind: "RedisCluster",
        metadata: meta(name, namespace),
        spec: {
          clusterSize: 3,
          kubernetesConfig: { image: "quay.io/opstree/redis:v7.0.15", resources: RESOURCES },
          podSecurityContext: { ...RESTRICTED_POD, ...(patch.podSecurityContext ?? {}) },
          redisLeader: role,
          redisFollower: { replicas: 3, securityContext: RESTRICTED_CONTAINER },
          ...("hostNetwork" in pod ? { hostNetwork: pod.hostNetwork } : {}),
          ...("volumes" in pod ? { storage: { volumeMount: { volume: pod.volumes, mountPath: [] } } } : {}),
          ...(hostPort !== undefined ? { hostPort } : {}),
        },
      };
    },
  },
  prometheusOperator("Prometheus", "prometheus", true),
  prometheusOperator("PrometheusAgent", "prometheus", true),
  prometheusOperator("Alertmanager", "alertmanager", true),
  prometheusOperator("ThanosRuler", "thanos-ruler", false),
];

/** The object of a kind with a patch, or undefined when the kind has no field for it. */
export function buildPodKind(kind: PodKind, name: string, namespace: string, patch: PodPatch): KubernetesObjectLike | undefined {
  return carries(kind.carries, patch) ? kind.build(name, namespace, patch) : undefined;
}
