import type { Profile } from "../../config/profiles";
import { observabilityDefaults, observabilityProfileDefaults } from "./defaults";
import type { ObservabilityConfig } from "./schema";
import type { ObservabilitySpec } from "./spec";

export function resolveObservability(observability: ObservabilityConfig, profile: Profile, clusterMode: "eks" | "existing", awsRegion?: string): ObservabilitySpec {
  const defaults = observabilityProfileDefaults[profile];
  const prometheus = observability.prometheus ?? {};
  const thanos = observability.thanos ?? {};
  const region = thanos.region ?? awsRegion;
  return {
    prometheus: {
      replicas: prometheus.replicas ?? defaults.prometheus.replicas,
      retention: prometheus.retention ?? defaults.prometheus.retention,
      storageSize: prometheus.storageSize ?? defaults.prometheus.storageSize,
      resources: prometheus.resources ?? structuredClone(defaults.prometheus.resources),
    },
    alertmanager: { replicas: observability.alertmanager?.replicas ?? defaults.alertmanagerReplicas },
    thanos: {
      queryReplicas: thanos.query?.replicas ?? defaults.thanos.queryReplicas,
      storeGateway: {
        replicas: thanos.storeGateway?.replicas ?? defaults.thanos.storeReplicas,
        storageSize: thanos.storeGateway?.storageSize ?? defaults.thanos.storeStorageSize,
      },
      compactor: { storageSize: thanos.compactor?.storageSize ?? defaults.thanos.compactorStorageSize },
      retention: { ...observabilityDefaults.thanosRetention, ...thanos.retention },
      ...(region ? { region } : {}),
      ...(thanos.roleArns ? { roleArns: { ...thanos.roleArns } } : {}),
    },
    slo: { ...observabilityDefaults.slo, ...observability.slo },
    metricsAdapter: {
      replicas: defaults.metricsAdapterReplicas,
      // EKS ships no metrics-server: on a cluster Strata makes, the adapter serves the resource metrics API. An
      // existing cluster usually has one (two servers of metrics.k8s.io cannot coexist), so there it is opt-in.
      resourceMetrics: observability.metricsAdapter?.resourceMetrics ?? clusterMode === "eks",
    },
  };
}
