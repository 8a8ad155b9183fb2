/** Resolved, fully specified config of the platform service layers (mesh, backup, observability). */

export type MtlsMode = "STRICT" | "PERMISSIVE";
export type LoadBalancerScheme = "internal" | "internet-facing";

/** One route of the gateway: requests for `hosts` go to the application layer `layer`. */
export interface EdgeRouteSpec {
  layer: string;
  hosts: string[];
  /** The tenant whose copy of the edge layer `layer` is (absent: the edge layer is shared). */
  tenant?: string;
}

export interface MeshSpec {
  mtls: MtlsMode;
  istiodReplicas: number;
  gateway: {
    replicas: number;
    scheme: LoadBalancerScheme;
    /** Where the gateway routes: the edge layer, or each tenant's copy of a per-tenant edge layer. */
    routes: EdgeRouteSpec[];
    /** HTTPS with this Secret (in the gateway namespace), HTTP redirected; absent: HTTP only. */
    tlsSecret?: string;
    timeout: string;
    retries: { attempts: number; perTryTimeout: string; retryOn: string };
  };
  trafficPolicy: {
    connectionPool: { maxConnections: number; http1MaxPendingRequests: number; maxRequestsPerConnection: number };
    outlierDetection: { consecutive5xxErrors: number; interval: string; baseEjectionTime: string; maxEjectionPercent: number };
  };
}

export interface BackupScheduleSpec {
  name: string;
  schedule: string;
  ttl: string;
  /** Absent: every namespace. */
  includedNamespaces?: string[];
  snapshotVolumes: boolean;
}

export interface BackupSpec {
  schedules: BackupScheduleSpec[];
  nodeAgent: boolean;
  /** The bucket's region; absent: the AWS provider's region (EKS mode). */
  region?: string;
  /** The role Velero assumes, when given in config (existing mode); Strata makes one otherwise. */
  roleArn?: string;
}

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

export interface ServicesSpec {
  mesh: MeshSpec;
  backup: BackupSpec;
  observability: ObservabilitySpec;
}
