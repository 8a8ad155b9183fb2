import { isDataServiceName } from "../../platform/data-services";
import { resolveClusterSpec } from "../../capabilities/cluster/resolve";
import { resolveKafkaSpec, resolvePostgresSpec, resolveRedisSpec, type DataResolveContext } from "../data-resolve";
import { layerDefaults } from "./defaults";
import type { ApplicationLayerInput } from "./schema";
import { profileDefaults } from "../profiles";
import { resolveServicesSpec } from "../services-resolve";
import { peakPods, requiredQuota } from "./quota";
import type { StackConfig } from "../schema";
import type { ApplicationLayerSpec, GitOpsSpec, PdbSpec, PlatformSpec } from "./spec";
import { applicationLayerSchema } from "./schema";
import { expandTenants } from "./tenancy-resolve";

/** Applies profile and field defaults to validated config: the result has every value spelled out. */
export function resolvePlatformSpec(config: StackConfig, defaultLayers: ApplicationLayerInput[], awsRegion?: string): PlatformSpec {
  const profile = profileDefaults[config.profile];
  const configured = config.layers ?? defaultLayers.map((l) => applicationLayerSchema.parse(l));
  const layers = expandTenants(configured, config.tenants).map(({ layer, tenant }) => ({
    ...resolveLayer(layer, profile.replicas),
    ...(tenant ? { tenant } : {}),
  }));
  const cluster = resolveClusterSpec(config.cluster, config.profile);
  const data: DataResolveContext = { profile: config.profile, clusterMode: cluster.mode, layers, defaultLayers: config.layers === undefined };
  const kafka = resolveKafkaSpec(config.kafka, data);
  const postgres = resolvePostgresSpec(config.postgres, data);
  const redis = resolveRedisSpec(config.redis, data);
  return {
    profile: config.profile,
    placement: { zoneSpread: profile.zoneSpread, hostSpread: profile.hostSpread },
    layers,
    cluster,
    ...(kafka ? { kafka } : {}),
    ...(postgres ? { postgres } : {}),
    ...(redis ? { redis } : {}),
    ...resolveServicesSpec(config, config.profile, { configured, deployed: layers }, cluster.mode, awsRegion),
    secrets: { externalSecrets: config.secrets?.externalSecrets ?? false },
    gitops: resolveGitOps(config.gitops),
  };
}

/** The External Secrets store rendered ExternalSecrets read from when `gitops.secretStore` is not set. */
export const DEFAULT_SECRET_STORE = { kind: "ClusterSecretStore", name: "strata" } as const;

function resolveGitOps(gitops: StackConfig["gitops"]): GitOpsSpec {
  return {
    secretStore: { kind: gitops?.secretStore?.kind ?? DEFAULT_SECRET_STORE.kind, name: gitops?.secretStore?.name ?? DEFAULT_SECRET_STORE.name },
    remoteKeyPrefix: gitops?.remoteKeyPrefix,
    refreshInterval: gitops?.refreshInterval ?? "1h",
    accountId: gitops?.accountId,
    buckets: { ...gitops?.buckets },
    roleArns: { ...gitops?.roleArns },
  };
}

type ParsedLayer = NonNullable<StackConfig["layers"]>[number];

function resolveLayer(layer: ParsedLayer, defaultReplicas: number): ApplicationLayerSpec {
  const replicas = layer.replicas ?? defaultReplicas;
  const ports = layer.ports ?? layerDefaults.ports.map((p) => ({ ...p }));
  const { gpus, ...resources }: NonNullable<ParsedLayer["resources"]> = layer.resources ?? structuredClone(layerDefaults.resources);
  const scaling = layer.autoscaling;
  // The default CPU target only when nothing else is set: a layer may scale on its own metrics alone.
  const setsNoTarget = scaling?.targetMemoryUtilization === undefined && scaling?.metrics === undefined;
  const autoscaling = scaling && {
    ...scaling,
    minReplicas: scaling.minReplicas ?? replicas,
    targetCPUUtilization: scaling.targetCPUUtilization ?? (setsNoTarget ? layerDefaults.targetCPUUtilization : undefined),
    metrics: scaling.metrics ?? [],
  };
  const peak = peakPods(autoscaling?.maxReplicas ?? replicas, layerDefaults.maxSurgePercent);
  return {
    name: layer.name,
    description: layer.description ?? `application layer ${layer.name}`,
    image: layer.image,
    capacityClass: layer.capacityClass,
    replicas: autoscaling?.minReplicas ?? replicas,
    command: layer.command,
    args: layer.args,
    env: layer.env ?? {},
    secretEnv: layer.secretEnv ?? {},
    ports,
    resources,
    ...(gpus ? { gpus } : {}),
    probes: {
      port: layer.probes?.port ?? ports[0].name,
      livenessPath: layer.probes?.livenessPath ?? layerDefaults.livenessPath,
      readinessPath: layer.probes?.readinessPath ?? layerDefaults.readinessPath,
    },
    metrics: { port: layer.metrics?.port ?? ports[0].name, path: layer.metrics?.path ?? layerDefaults.metricsPath },
    peers: layer.peers ?? [],
    dataServices: layer.dataServices ?? {},
    dependsOn: {
      layers: (layer.dependsOn ?? []).filter((name) => !isDataServiceName(name)),
      dataServices: (layer.dependsOn ?? []).filter(isDataServiceName),
    },
    autoscaling,
    pdb: (layer.pdb ?? layerDefaults.pdb) as PdbSpec,
    ...(layer.antiAffinity ? { antiAffinity: layer.antiAffinity } : {}),
    serviceAccount: {
      automountToken: layer.serviceAccount?.automountToken ?? false,
      annotations: layer.serviceAccount?.annotations ?? {},
    },
    maxSurgePercent: layerDefaults.maxSurgePercent,
    quota: { ...requiredQuota(peak, resources, gpus), ...layer.quota },
  };
}
