import { isDataServiceName } from "../../platform/data-services";
import type { CoreResolution } from "../capability-config";
import { layerDefaults } from "./defaults";
import type { ApplicationLayerConfig, ApplicationLayerInput } from "./schema";
import { profileDefaults, type Profile } from "../profiles";
import { peakPods, requiredQuota } from "./quota";
import type { ApplicationLayerSpec, PdbSpec } from "./spec";
import type { TenantConfig } from "./tenancy-schema";
import { applicationLayerSchema } from "./schema";
import { expandTenants } from "./tenancy-resolve";
import { resolveEgress } from "./egress-schema";

/** The core keys as their schemas read them (absent keys are the defaults'). */
export interface CoreInput {
  profile: Profile;
  layers?: ApplicationLayerConfig[];
  tenants?: TenantConfig[];
}

/**
 * The application layers resolved: the configured ones (else the default set), each per-tenant layer copied
 * per tenant, every field defaulted; the profile's placement.
 */
export function resolveCore(config: CoreInput, defaultLayers: ApplicationLayerInput[], layersFromDefaults = config.layers === undefined): CoreResolution {
  const profile = profileDefaults[config.profile];
  const configured = config.layers ?? defaultLayers.map((l) => applicationLayerSchema.parse(l));
  const layers = expandTenants(configured, config.tenants).map(({ layer, tenant }) => ({
    ...resolveLayer(layer, profile.replicas),
    ...(tenant ? { tenant } : {}),
  }));
  return {
    spec: { profile: config.profile, placement: { zoneSpread: profile.zoneSpread, hostSpread: profile.hostSpread }, layers },
    configuredLayers: configured,
    defaultLayers: layersFromDefaults,
    ...(config.tenants ? { tenants: config.tenants } : {}),
  };
}

type ParsedLayer = ApplicationLayerConfig;

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
    egress: resolveEgress(layer.egress),
  };
}
