import type { ChartPin } from "../../platform/pins";

/** OpsTree redis-operator chart 0.26.1 (operator 0.26.0). */
export const redisOperatorPin = { repo: "https://ot-container-kit.github.io/helm-charts/", name: "redis-operator", version: "0.26.1" } as const satisfies ChartPin;

/** The redis-operator image tag the chart runs (its appVersion, spelled as the image registry tags it). */
export const REDIS_OPERATOR_IMAGE_TAG = "v0.26.0";

/** Redis and its exporter: pinned tags, never `latest` (the operator has no default of its own). */
export const redisImages = {
  redis: "quay.io/opstree/redis:v7.0.15",
  exporter: "quay.io/opstree/redis-exporter:v1.44.0",
} as const;
