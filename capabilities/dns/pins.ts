import type { ChartPin } from "../../platform/pins";

/** external-dns chart 1.21.1 (app v0.21.0), the newest chart release (../shared/crds/SOURCES.md). */
export const externalDnsPin = { repo: "https://kubernetes-sigs.github.io/external-dns/", name: "external-dns", version: "1.21.1" } as const satisfies ChartPin;

/** The chart's app version, pinned (the chart's own default tag is its appVersion). */
export const externalDnsImage = { repository: "registry.k8s.io/external-dns/external-dns", tag: "v0.21.0" } as const;
