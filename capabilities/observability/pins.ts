import type { ChartPin } from "../../platform/pins";

const PROMETHEUS_COMMUNITY_CHARTS = "https://prometheus-community.github.io/helm-charts";

/** kube-prometheus-stack 88.5.3 (prometheus-operator v0.93.1). */
export const kubePrometheusStackPin = { repo: PROMETHEUS_COMMUNITY_CHARTS, name: "kube-prometheus-stack", version: "88.5.3" } as const satisfies ChartPin;

/** prometheus-adapter chart 5.3.0 (adapter v0.12.0): the resource, custom and external metrics APIs from Prometheus. */
export const prometheusAdapterPin = { repo: PROMETHEUS_COMMUNITY_CHARTS, name: "prometheus-adapter", version: "5.3.0" } as const satisfies ChartPin;

/**
 * Thanos, from the upstream release (vendor charts default to images that are no longer freely published):
 * the Prometheus sidecar and Strata's own query, store gateway and compactor all run this image.
 */
export const THANOS_VERSION = "v0.42.0";
export const THANOS_IMAGE = `quay.io/thanos/thanos:${THANOS_VERSION}`;

/** The metrics adapter's image: the chart's appVersion, from the upstream registry, pinned here rather than left to the chart. */
export const prometheusAdapterImage = { repository: "registry.k8s.io/prometheus-adapter/prometheus-adapter", tag: "v0.12.0" } as const;
