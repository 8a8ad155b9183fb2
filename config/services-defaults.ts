import type { Profile } from "./profiles";

/**
 * Defaults of the platform service layers. dev runs one of each; prod is the highly available shape the
 * issue and seed 004 ask for: istiod ×2, a gateway per zone, Prometheus ×2, Alertmanager ×3, Thanos query ×2.
 */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface ServicesProfileDefaults {
  istiodReplicas: number;
  gatewayReplicas: number;
  prometheus: { replicas: number; retention: string; storageSize: string; resources: ReturnType<typeof res> };
  alertmanagerReplicas: number;
  thanos: { queryReplicas: number; storeReplicas: number; storeStorageSize: string; compactorStorageSize: string };
  /** The metrics adapter (serves the autoscalers' metrics APIs): two in prod, so an upgrade or a drain leaves one serving. */
  metricsAdapterReplicas: number;
}

export const servicesProfileDefaults: Record<Profile, ServicesProfileDefaults> = {
  dev: {
    istiodReplicas: 1,
    gatewayReplicas: 1,
    prometheus: { replicas: 1, retention: "12h", storageSize: "20Gi", resources: res("250m", "1Gi", "2Gi") },
    alertmanagerReplicas: 1,
    thanos: { queryReplicas: 1, storeReplicas: 1, storeStorageSize: "10Gi", compactorStorageSize: "20Gi" },
    metricsAdapterReplicas: 1,
  },
  prod: {
    istiodReplicas: 2,
    gatewayReplicas: 3,
    prometheus: { replicas: 2, retention: "24h", storageSize: "100Gi", resources: res("1", "4Gi", "8Gi") },
    alertmanagerReplicas: 3,
    thanos: { queryReplicas: 2, storeReplicas: 2, storeStorageSize: "50Gi", compactorStorageSize: "100Gi" },
    metricsAdapterReplicas: 2,
  },
};

/** What prod must keep whatever the config says. */
export const prodMinimums = { istiodReplicas: 2, prometheusReplicas: 2, alertmanagerReplicas: 3, thanosQueryReplicas: 2 } as const;

/**
 * The TSDB block duration Prometheus runs with under the Thanos sidecar (the operator fixes min and max to
 * 2h so that the sidecar uploads every block and the compactor does the rest). Local retention shorter than
 * one block would delete data before it is uploaded.
 */
export const PROMETHEUS_BLOCK_DURATION = "2h";

export const servicesDefaults = {
  mesh: {
    mtls: "STRICT" as const,
    scheme: "internal" as const,
    hosts: ["*"],
    // Seed 004's VirtualService and DestinationRule.
    timeout: "30s",
    retries: { attempts: 3, perTryTimeout: "10s", retryOn: "5xx,reset,connect-failure,refused-stream" },
    trafficPolicy: {
      connectionPool: { maxConnections: 100, http1MaxPendingRequests: 10, maxRequestsPerConnection: 10 },
      outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    },
  },
  backup: {
    /** Seeds 000 and 004: hourly backups of the stateful namespaces kept 7 days, a daily full backup kept 30 days. */
    statefulHourly: { name: "stateful-hourly", schedule: "0 * * * *", ttl: "168h0m0s" },
    dailyFull: { name: "daily-full", schedule: "0 2 * * *", ttl: "720h0m0s" },
  },
  observability: {
    thanosRetention: { raw: "30d", fiveMinutes: "90d", oneHour: "1y" },
    slo: { availability: 0.999, window: "30d" },
  },
};
