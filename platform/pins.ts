/**
 * Upstream releases the platform's data and service layers install, pinned: the Helm charts (repository,
 * chart, exact version) and the operand versions and images the charts would otherwise leave to a default.
 * The one place these versions are written: components and the renderer read them from here; the policy
 * pack's Helm allow-list (policies/config/*.json, literal JSON because the Pulumi CLI reads it) must list
 * exactly these, which tests/policy-config.test.ts checks. Sources: ../shared/BRIEF.md and
 * ../shared/crds/SOURCES.md.
 */

/** A Helm chart at an exact version. */
export interface ChartPin {
  /** The chart's name in its repository. */
  name: string;
  /** The repository: an https chart repository URL, or an OCI registry path (`oci://host/path`, without the chart name). */
  repo: string;
  /** The exact chart version (no range). */
  version: string;
}

/** Istio's release: every Istio chart and image is this version. */
export const ISTIO_VERSION = "1.30.3";
const ISTIO_CHARTS = "https://istio-release.storage.googleapis.com/charts";
const PROMETHEUS_COMMUNITY_CHARTS = "https://prometheus-community.github.io/helm-charts";

export const chartPins = {
  /** Strimzi 1.2.0: Kafka 4.3.x, API kafka.strimzi.io/v1 only, KRaft only. */
  strimzi: { repo: "oci://quay.io/strimzi-helm", name: "strimzi-kafka-operator", version: "1.2.0" },
  /** Crunchy PGO v5.8.9 (published on the OCI registry only). */
  pgo: { repo: "oci://registry.developers.crunchydata.com/crunchydata", name: "pgo", version: "5.8.9" },
  /** OpsTree redis-operator chart 0.26.1 (operator 0.26.0). */
  redisOperator: { repo: "https://ot-container-kit.github.io/helm-charts/", name: "redis-operator", version: "0.26.1" },
  /** Istio's CRDs and cluster-wide resources. */
  istioBase: { repo: ISTIO_CHARTS, name: "base", version: ISTIO_VERSION },
  /** The Istio CNI node agent: sets up traffic redirection, so meshed pods need no NET_ADMIN init container. */
  istioCni: { repo: ISTIO_CHARTS, name: "cni", version: ISTIO_VERSION },
  /** The Istio control plane. */
  istiod: { repo: ISTIO_CHARTS, name: "istiod", version: ISTIO_VERSION },
  /** An Istio ingress gateway deployment. */
  istioGateway: { repo: ISTIO_CHARTS, name: "gateway", version: ISTIO_VERSION },
  /** Velero chart 12.1.0 (Velero 1.18.1). */
  velero: { repo: "https://vmware-tanzu.github.io/helm-charts", name: "velero", version: "12.1.0" },
  /** kube-prometheus-stack 88.5.3 (prometheus-operator v0.93.1). */
  kubePrometheusStack: { repo: PROMETHEUS_COMMUNITY_CHARTS, name: "kube-prometheus-stack", version: "88.5.3" },
  /** prometheus-adapter chart 5.3.0 (adapter v0.12.0): the resource, custom and external metrics APIs from Prometheus. */
  prometheusAdapter: { repo: PROMETHEUS_COMMUNITY_CHARTS, name: "prometheus-adapter", version: "5.3.0" },
  /**
   * The NVIDIA device plugin 0.20.0: advertises the GPU nodes' GPUs as `nvidia.com/gpu`, which the EKS NVIDIA
   * AMI leaves to the cluster. Its image is the chart's appVersion (nvcr.io/nvidia/k8s-device-plugin:v0.20.0).
   */
  nvidiaDevicePlugin: { repo: "https://nvidia.github.io/k8s-device-plugin", name: "nvidia-device-plugin", version: "0.20.0" },
} as const satisfies Record<string, ChartPin>;

export type ChartName = keyof typeof chartPins;

/** The Kafka version Strimzi runs (one of the versions Strimzi 1.2.0 supports); upgrades are explicit. */
export const KAFKA_VERSION = "4.3.0";

/** The redis-operator image tag the chart runs (its appVersion, spelled as the image registry tags it). */
export const REDIS_OPERATOR_IMAGE_TAG = "v0.26.0";

/** Redis and its exporter: pinned tags, never `latest` (the operator has no default of its own). */
export const redisImages = {
  redis: "quay.io/opstree/redis:v7.0.15",
  exporter: "quay.io/opstree/redis-exporter:v1.44.0",
} as const;

/** The Postgres major versions PGO 5.8 runs; the newest is the default. */
export const postgresVersions = [15, 16, 17, 18] as const;
export type PostgresVersion = (typeof postgresVersions)[number];
export const DEFAULT_POSTGRES_VERSION: PostgresVersion = 18;
/** Istio's images: the upstream registry at the pinned release (the chart's own default is a testing registry). */
export const istioImages = { hub: "docker.io/istio", tag: ISTIO_VERSION } as const;

/** Velero's server image and the AWS object store / EBS snapshot plugin released for Velero 1.18. */
export const veleroImages = {
  velero: "velero/velero:v1.18.1",
  awsPlugin: "velero/velero-plugin-for-aws:v1.14.0",
} as const;

/**
 * Thanos, from the upstream release (vendor charts default to images that are no longer freely published):
 * the Prometheus sidecar and Strata's own query, store gateway and compactor all run this image.
 */
export const THANOS_VERSION = "v0.42.0";
export const THANOS_IMAGE = `quay.io/thanos/thanos:${THANOS_VERSION}`;

/** The metrics adapter's image: the chart's appVersion, from the upstream registry, pinned here rather than left to the chart. */
export const prometheusAdapterImage = { repository: "registry.k8s.io/prometheus-adapter/prometheus-adapter", tag: "v0.12.0" } as const;
