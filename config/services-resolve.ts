import { dataServiceEndpoints, dataServicesUsedBy } from "../platform/data-services";
import type { BackupInput } from "../capabilities/backup/schema";
import type { MeshInput } from "../capabilities/mesh/schema";
import type { ObservabilityInput } from "../capabilities/observability/schema";
import type { Profile } from "./profiles";
import { servicesDefaults, servicesProfileDefaults } from "./services-defaults";
import type { BackupScheduleSpec, BackupSpec, MeshSpec, ObservabilitySpec, ServicesSpec } from "./services-spec";
import type { ApplicationLayerSpec, ClusterSpec } from "./layers/spec";
import { edgeRoutes, isPerTenant, tenantCopyName, type TenantableLayer } from "./layers/tenancy-resolve";
import type { TenantConfig } from "./layers/tenancy-schema";

export interface ServicesConfig {
  mesh?: MeshInput;
  backup?: BackupInput;
  observability?: ObservabilityInput;
  tenants?: TenantConfig[];
}

/** The layers as configured (per-tenant ones once) and as deployed (per-tenant ones once per tenant). */
export interface ServicesLayers {
  configured: TenantableLayer[];
  deployed: ApplicationLayerSpec[];
}

/** Applies the profile's and the seeds' defaults to the service sections (validated already). */
export function resolveServicesSpec(config: ServicesConfig, profile: Profile, layers: ServicesLayers, clusterMode: ClusterSpec["mode"], awsRegion?: string): ServicesSpec {
  return {
    mesh: resolveMesh(config.mesh ?? {}, profile, layers.configured, config.tenants),
    backup: resolveBackup(config.backup ?? {}, layers, awsRegion),
    observability: resolveObservability(config.observability ?? {}, profile, clusterMode, awsRegion),
  };
}

function resolveMesh(mesh: MeshInput, profile: Profile, layers: TenantableLayer[], tenants: TenantConfig[] | undefined): MeshSpec {
  const defaults = servicesDefaults.mesh;
  const gateway = mesh.gateway ?? {};
  const pool = mesh.trafficPolicy?.connectionPool ?? {};
  const outliers = mesh.trafficPolicy?.outlierDetection ?? {};
  // The first layer is the platform's entry (the default set's ingestion layer).
  const edgeLayer = gateway.edgeLayer ?? layers[0].name;
  return {
    mtls: mesh.mtls ?? defaults.mtls,
    istiodReplicas: mesh.istiod?.replicas ?? servicesProfileDefaults[profile].istiodReplicas,
    gateway: {
      replicas: gateway.replicas ?? servicesProfileDefaults[profile].gatewayReplicas,
      scheme: gateway.scheme ?? defaults.scheme,
      routes: edgeRoutes(edgeLayer, gateway.hosts ?? [...defaults.hosts], layers, tenants),
      ...(gateway.tlsSecret ? { tlsSecret: gateway.tlsSecret } : {}),
      timeout: gateway.timeout ?? defaults.timeout,
      retries: { ...defaults.retries, ...gateway.retries },
    },
    trafficPolicy: {
      connectionPool: { ...defaults.trafficPolicy.connectionPool, ...pool },
      outlierDetection: { ...defaults.trafficPolicy.outlierDetection, ...outliers },
    },
  };
}

/** The namespaces of the data services some layer uses: what the hourly backup covers. */
function statefulNamespaces(layers: ApplicationLayerSpec[]): string[] {
  return dataServicesUsedBy(layers).map((s) => dataServiceEndpoints[s].namespace);
}

function defaultSchedules(layers: ApplicationLayerSpec[]): BackupScheduleSpec[] {
  const { statefulHourly, dailyFull } = servicesDefaults.backup;
  const stateful = statefulNamespaces(layers);
  return [
    ...(stateful.length ? [{ ...statefulHourly, includedNamespaces: stateful, snapshotVolumes: true }] : []),
    { ...dailyFull, snapshotVolumes: true },
  ];
}

/**
 * A schedule's namespaces as deployed: a per-tenant layer's name stands for its copies' namespaces (one per
 * tenant), since no namespace of that name exists; every other name is kept.
 */
function deployedNamespaces(names: string[], layers: ServicesLayers): string[] {
  const perTenant = new Set(layers.configured.filter(isPerTenant).map((l) => l.name));
  return [
    ...new Set(
      names.flatMap((name) =>
        perTenant.has(name) ? layers.deployed.filter((l) => l.tenant !== undefined && l.name === tenantCopyName(l.tenant, name)).map((l) => l.name) : [name],
      ),
    ),
  ];
}

function resolveBackup(backup: BackupInput, layers: ServicesLayers, awsRegion?: string): BackupSpec {
  const region = backup.region ?? awsRegion;
  return {
    schedules: backup.schedules
      ? backup.schedules.map(({ includedNamespaces, ...s }) => ({
          ...s,
          ...(includedNamespaces ? { includedNamespaces: deployedNamespaces(includedNamespaces, layers) } : {}),
          snapshotVolumes: s.snapshotVolumes ?? true,
        }))
      : defaultSchedules(layers.deployed),
    nodeAgent: backup.nodeAgent ?? false,
    ...(region ? { region } : {}),
    ...(backup.roleArn ? { roleArn: backup.roleArn } : {}),
  };
}

function resolveObservability(observability: ObservabilityInput, profile: Profile, clusterMode: ClusterSpec["mode"], awsRegion?: string): ObservabilitySpec {
  const defaults = servicesProfileDefaults[profile];
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
      retention: { ...servicesDefaults.observability.thanosRetention, ...thanos.retention },
      ...(region ? { region } : {}),
      ...(thanos.roleArns ? { roleArns: { ...thanos.roleArns } } : {}),
    },
    slo: { ...servicesDefaults.observability.slo, ...observability.slo },
    metricsAdapter: {
      replicas: defaults.metricsAdapterReplicas,
      // EKS ships no metrics-server: on a cluster Strata makes, the adapter serves the resource metrics API. An
      // existing cluster usually has one (two servers of metrics.k8s.io cannot coexist), so there it is opt-in.
      resourceMetrics: observability.metricsAdapter?.resourceMetrics ?? clusterMode === "eks",
    },
  };
}
