import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";

/** The observability stack's resolved config. */

export interface ThanosRetentionSpec {
  raw: string;
  fiveMinutes: string;
  oneHour: string;
}

export interface ObservabilitySpec {
  prometheus: {
    replicas: number;
    retention: string;
    storageSize: string;
    resources: { requests: { cpu: string; memory: string }; limits: { cpu?: string; memory: string } };
  };
  alertmanager: { replicas: number };
  thanos: {
    queryReplicas: number;
    storeGateway: { replicas: number; storageSize: string };
    compactor: { storageSize: string };
    retention: ThanosRetentionSpec;
    region?: string;
    roleArns?: { sidecar: string; storeGateway: string; compactor: string };
  };
  slo: { availability: number; window: string };
  metricsAdapter: {
    replicas: number;
    /** Whether the adapter serves metrics.k8s.io (pods' and nodes' CPU and memory) from Prometheus. */
    resourceMetrics: boolean;
  };
}

/** What the observability stack's desired state reads: the core, the cluster's network, its own spec. */
export type ObservabilityPlatform = CoreSpec & { cluster: ClusterSpec; observability: ObservabilitySpec };
