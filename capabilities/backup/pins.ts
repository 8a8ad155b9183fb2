import type { ChartPin } from "../../platform/pins";

/** Velero chart 12.1.0 (Velero 1.18.1). */
export const veleroPin = { repo: "https://vmware-tanzu.github.io/helm-charts", name: "velero", version: "12.1.0" } as const satisfies ChartPin;

/** Velero's server image and the AWS object store / EBS snapshot plugin released for Velero 1.18, with their registry host (supply-chain-pinned-images reads them in a Flux HelmRelease's values). */
export const veleroImages = {
  velero: "docker.io/velero/velero:v1.18.1",
  awsPlugin: "docker.io/velero/velero-plugin-for-aws:v1.14.0",
} as const;
