import type { PlatformSpec } from "../config/spec";
import type { CloudValueSource } from "../platform/cloud-values";
import { applicationLayerObjects } from "./application";
import { clusterKubernetesObjects } from "./cluster";
import { dataLayerDesiredState } from "./data/plan";
import type { HelmChartSpec } from "./helm-chart";
import { kafkaDesiredState } from "./kafka";
import type { KubernetesObject } from "./kubernetes-object";
import { backupTargetsFrom, postgresDesiredState } from "./postgres";
import { redisDesiredState } from "./redis";

/** One layer's desired state in the cluster: its charts and its objects, as plain data. */
export interface LayerDesiredState {
  /** The layer's name: its directory in a rendered tree. */
  name: string;
  /** Charts the layer installs (operators); their custom resources are among `objects`. */
  helmCharts: HelmChartSpec[];
  /** Every Kubernetes object the layer creates, in a stable order. */
  objects: KubernetesObject[];
}

/** What desired-state functions may need beyond the spec. */
export interface DesiredStateContext {
  cloud: CloudValueSource;
}

/**
 * The whole platform's Kubernetes desired state, layer by layer, in deployment order, from the very
 * functions the Pulumi components register (`clusterKubernetesObjects` in the Cluster component,
 * `kafkaDesiredState`, `postgresDesiredState` and `redisDesiredState` in the data layers' components,
 * `applicationLayerObjects` in ApplicationLayer). This is the one seam every layer joins: a new layer adds
 * its entry here (charts and objects) and its component registers the same.
 *
 * `context.cloud` gives the values only the cloud knows (Postgres's backup buckets, region and IRSA role).
 * Generated secrets (the Redis password) appear as Secrets without their value.
 */
export function platformDesiredState(spec: PlatformSpec, context: DesiredStateContext): LayerDesiredState[] {
  const layers: LayerDesiredState[] = [];
  if (spec.cluster.mode === "eks") layers.push({ name: "cluster", helmCharts: [], objects: clusterKubernetesObjects(spec.cluster) });
  if (spec.kafka) layers.push(dataLayerDesiredState("kafka", kafkaDesiredState(spec.kafka, spec)));
  if (spec.postgres) layers.push(dataLayerDesiredState("postgres", postgresDesiredState(spec.postgres, spec, backupTargetsFrom(spec.postgres, context.cloud))));
  if (spec.redis) layers.push(dataLayerDesiredState("redis", redisDesiredState(spec.redis, spec)));
  for (const layer of spec.layers) layers.push({ name: layer.name, helmCharts: [], objects: applicationLayerObjects(layer, spec) });
  return layers;
}
