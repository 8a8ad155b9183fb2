import type { ChartPin } from "../../platform/pins";

/** cert-manager v1.21.1 (chart and app share the version; ../shared/crds/SOURCES.md). */
export const CERT_MANAGER_VERSION = "v1.21.1";

export const certManagerPin = { repo: "https://charts.jetstack.io", name: "cert-manager", version: CERT_MANAGER_VERSION } as const satisfies ChartPin;

/** The chart's images, each pinned to the release (the chart otherwise takes its appVersion). */
export const certManagerImages = {
  controller: `quay.io/jetstack/cert-manager-controller:${CERT_MANAGER_VERSION}`,
  webhook: `quay.io/jetstack/cert-manager-webhook:${CERT_MANAGER_VERSION}`,
  cainjector: `quay.io/jetstack/cert-manager-cainjector:${CERT_MANAGER_VERSION}`,
  acmesolver: `quay.io/jetstack/cert-manager-acmesolver:${CERT_MANAGER_VERSION}`,
} as const;
