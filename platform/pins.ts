/**
 * Upstream releases the platform service layers install, pinned: the Helm charts (repository, chart, exact
 * version) and the images the charts would otherwise leave to a default. The one place these versions are
 * written: components, the renderer and the policy pack's chart allowlist read them from here. Sources:
 * ../shared/BRIEF.md and ../shared/crds/SOURCES.md.
 */

/** A Helm chart at an exact version. */
export interface ChartPin {
  /** The chart's name in its repository. */
  name: string;
  /** An https chart repository URL, or an OCI registry path (`oci://host/path`, without the chart's name). */
  repo: string;
  /** The exact chart version (no range). */
  version: string;
}

/** Istio's release: every Istio chart and image is this version. */
export const ISTIO_VERSION = "1.30.3";
const ISTIO_CHARTS = "https://istio-release.storage.googleapis.com/charts";

export const chartPins = {
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
  kubePrometheusStack: { repo: "https://prometheus-community.github.io/helm-charts", name: "kube-prometheus-stack", version: "88.5.3" },
} as const satisfies Record<string, ChartPin>;

export type ChartName = keyof typeof chartPins;

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
