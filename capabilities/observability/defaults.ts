import type { Profile } from "../../config/profiles";

/**
 * The observability stack's defaults. dev runs one of each; prod is the highly available shape seed 004
 * asks for: Prometheus ×2, Alertmanager ×3, Thanos query ×2.
 */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface ObservabilityProfileDefaults {
  prometheus: { replicas: number; retention: string; storageSize: string; resources: ReturnType<typeof res> };
  alertmanagerReplicas: number;
  thanos: { queryReplicas: number; storeReplicas: number; storeStorageSize: string; compactorStorageSize: string };
  /** The metrics adapter (serves the autoscalers' metrics APIs): two in prod, so an upgrade or a drain leaves one serving. */
  metricsAdapterReplicas: number;
}

export const observabilityProfileDefaults: Record<Profile, ObservabilityProfileDefaults> = {
  dev: {
    prometheus: { replicas: 1, retention: "12h", storageSize: "20Gi", resources: res("250m", "1Gi", "2Gi") },
    alertmanagerReplicas: 1,
    thanos: { queryReplicas: 1, storeReplicas: 1, storeStorageSize: "10Gi", compactorStorageSize: "20Gi" },
    metricsAdapterReplicas: 1,
  },
  prod: {
    prometheus: { replicas: 2, retention: "24h", storageSize: "100Gi", resources: res("1", "4Gi", "8Gi") },
    alertmanagerReplicas: 3,
    thanos: { queryReplicas: 2, storeReplicas: 2, storeStorageSize: "50Gi", compactorStorageSize: "100Gi" },
    metricsAdapterReplicas: 2,
  },
};

/** What prod keeps whatever the config says. */
export const observabilityProdMinimums = { prometheusReplicas: 2, alertmanagerReplicas: 3, thanosQueryReplicas: 2 } as const;

/**
 * The TSDB block duration Prometheus runs with under the Thanos sidecar (the operator fixes min and max to
 * 2h so that the sidecar uploads every block and the compactor does the rest). Local retention shorter than
 * one block would delete data before it is uploaded.
 */
export const PROMETHEUS_BLOCK_DURATION = "2h";

export const observabilityDefaults = {
  thanosRetention: { raw: "30d", fiveMinutes: "90d", oneHour: "1y" },
  slo: { availability: 0.999, window: "30d" },
};
