import type { PlatformSpec } from "../config/layers/spec";
import type { CloudValueSource } from "../platform/cloud-values";
import { applicationLayerObjects } from "../capabilities/application-layers/objects";
import { startupOrder, startupWaves } from "../capabilities/application-layers/startup";
import { backupDesiredState, VELERO_ROLE } from "../capabilities/backup/desired-state";
import { s3Endpoint } from "../capabilities/cluster/iam";
import { clusterKubernetesObjects } from "../capabilities/cluster/desired-state";
import { dataLayerDesiredState } from "../manifests/data/plan";
import { DEVICE_PLUGIN_LAYER, devicePluginDesiredState, needsDevicePlugin } from "../capabilities/nvidia-device-plugin/desired-state";
import type { HelmChartSpec } from "../manifests/helm-chart";
import { kafkaDesiredState } from "../capabilities/kafka/desired-state";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { meshDesiredState } from "../capabilities/mesh/desired-state";
import { observabilityDesiredState, thanosRoleNames, type StackIdentity } from "../capabilities/observability/desired-state";
import { backupTargetsFrom, postgresDesiredState } from "../capabilities/postgres/desired-state";
import { redisDesiredState } from "../capabilities/redis/desired-state";

/** One layer's desired state in the cluster: its charts and its objects, as plain data. */
export interface LayerDesiredState {
  /** The layer's name: its directory in a rendered tree. */
  name: string;
  /** Charts the layer installs (operators); their custom resources are among `objects`. */
  helmCharts: HelmChartSpec[];
  /** Every Kubernetes object the layer creates, in a stable order. */
  objects: KubernetesObject[];
  /** The Argo CD sync wave a render gives the layer's objects (`startupWaves`); absent: none, which is wave 0. */
  startupWave?: number;
}

/** What desired-state functions may need beyond the spec. */
export interface DesiredStateContext {
  /** Values only the cloud knows (bucket names, IRSA role ARNs, the region when config names none). */
  cloud: CloudValueSource;
  /** The cluster's and the stack's names: every metric's external labels. */
  identity: StackIdentity;
  /** The stack's remote-key prefix (`remoteKeyPrefix` in layers/common/external-secret.ts): ExternalSecrets' remote keys. */
  remoteKeyPrefix: string;
}

/**
 * The whole platform's Kubernetes desired state, layer by layer, in deployment order (the application
 * layers in their startup order, each with its sync wave), from the very
 * functions the Pulumi components register (`clusterKubernetesObjects` in the Cluster component,
 * `devicePluginDesiredState` in NvidiaDevicePlugin (a stack with GPU nodes),
 * `kafkaDesiredState`, `postgresDesiredState` and `redisDesiredState` in the data layers' components,
 * `meshDesiredState` in Mesh, `backupDesiredState` in Backup, `observabilityDesiredState` in Observability,
 * `applicationLayerObjects` in ApplicationLayer). This is the one seam every layer joins: a new layer adds
 * its entry here (charts and objects) and its component registers the same.
 *
 * Where a component passes its cloud resources' outputs (buckets, IRSA roles, Postgres's backup
 * repositories), this passes `context.cloud`'s values: configured ones (an existing cluster's buckets and
 * roles, `gitops`), else placeholders. Generated secrets (the Redis password) appear as Secrets without
 * their value.
 */
export function platformDesiredState(spec: PlatformSpec, context: DesiredStateContext): LayerDesiredState[] {
  const layers: LayerDesiredState[] = [];
  if (spec.cluster.mode === "eks") layers.push({ name: "cluster", helmCharts: [], objects: clusterKubernetesObjects(spec.cluster) });
  // With the nodes: GPU pods cannot be scheduled before the plugin advertises the GPUs.
  if (needsDevicePlugin(spec)) layers.push(devicePluginLayer());
  // The mesh before every meshed layer: the data services' and the application layers' pods need its injector.
  layers.push(meshLayer(spec));
  if (spec.kafka) layers.push(dataLayerDesiredState("kafka", kafkaDesiredState(spec.kafka, spec)));
  if (spec.postgres) layers.push(dataLayerDesiredState("postgres", postgresDesiredState(spec.postgres, spec, backupTargetsFrom(spec.postgres, context.cloud))));
  if (spec.redis) layers.push(dataLayerDesiredState("redis", redisDesiredState(spec.redis, spec)));
  layers.push(backupLayer(spec, context.cloud), observabilityLayer(spec, context));
  const waves = startupWaves(spec.layers);
  for (const layer of startupOrder(spec.layers)) {
    const wave = waves.get(layer.name)!;
    layers.push({ name: layer.name, helmCharts: [], objects: applicationLayerObjects(layer, spec, context.remoteKeyPrefix), ...(wave > 0 ? { startupWave: wave } : {}) });
  }
  return layers;
}

function devicePluginLayer(): LayerDesiredState {
  const plan = devicePluginDesiredState();
  return { name: DEVICE_PLUGIN_LAYER, helmCharts: [plan.chart], objects: plan.prerequisites };
}

function meshLayer(spec: PlatformSpec): LayerDesiredState {
  const plan = meshDesiredState(spec);
  const { base, cni, istiod, gateway } = plan.charts;
  return { name: "mesh", helmCharts: [base, cni, istiod, gateway], objects: [...plan.prerequisites, ...plan.customResources, ...plan.gatewayObjects] };
}

function backupLayer(spec: PlatformSpec, cloud: CloudValueSource): LayerDesiredState {
  const plan = backupDesiredState(spec, {
    bucket: cloud.bucketName("backups"),
    region: spec.backup.region ?? cloud.region(),
    roleArn: spec.backup.roleArn ?? cloud.roleArn(VELERO_ROLE),
  });
  return { name: "backup", helmCharts: [plan.chart], objects: [...plan.prerequisites, ...plan.customResources] };
}

function observabilityLayer(spec: PlatformSpec, context: DesiredStateContext): LayerDesiredState {
  const { cloud } = context;
  const region = spec.observability.thanos.region ?? cloud.region();
  const configured = spec.observability.thanos.roleArns;
  const plan = observabilityDesiredState(spec, context.identity, {
    bucket: cloud.bucketName("metrics"),
    region,
    endpoint: s3Endpoint(region),
    sidecar: configured?.sidecar ?? cloud.roleArn(thanosRoleNames.sidecar),
    storeGateway: configured?.storeGateway ?? cloud.roleArn(thanosRoleNames.storeGateway),
    compactor: configured?.compactor ?? cloud.roleArn(thanosRoleNames.compactor),
    encode: (config) => JSON.stringify(config),
  });
  const adapter = plan.metricsAdapter;
  return {
    name: "observability",
    helmCharts: [plan.chart, ...(adapter ? [adapter.chart] : [])],
    objects: [...plan.prerequisites, ...(adapter?.policies ?? []), ...plan.workloads, ...plan.customResources],
  };
}
