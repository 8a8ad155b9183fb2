import type { ChartPin } from "../../platform/pins";

/** Istio's release: every Istio chart and image is this version. */
export const ISTIO_VERSION = "1.30.3";
const ISTIO_CHARTS = "https://istio-release.storage.googleapis.com/charts";

export const istioCharts = {
  /** Istio's CRDs and cluster-wide resources. */
  base: { repo: ISTIO_CHARTS, name: "base", version: ISTIO_VERSION },
  /** The Istio CNI node agent: sets up traffic redirection, so meshed pods need no NET_ADMIN init container. */
  cni: { repo: ISTIO_CHARTS, name: "cni", version: ISTIO_VERSION },
  /** The Istio control plane. */
  istiod: { repo: ISTIO_CHARTS, name: "istiod", version: ISTIO_VERSION },
  /** An Istio ingress gateway deployment. */
  gateway: { repo: ISTIO_CHARTS, name: "gateway", version: ISTIO_VERSION },
} as const satisfies Record<string, ChartPin>;

/** Istio's images: the upstream registry at the pinned release (the chart's own default is a testing registry). */
export const istioImages = { hub: "docker.io/istio", tag: ISTIO_VERSION } as const;
