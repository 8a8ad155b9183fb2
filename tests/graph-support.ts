import { strict as assert } from "node:assert";
import type { ApplicationLayerSpec } from "../config";
import type { PlatformSpec } from "../stack";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { readProjectFile, readStackFile } from "../config/stack-file";
import type { Taint } from "../platform/placement";
import { DATA_LAYERS, dataComponent } from "./data-support";
import { kubernetesObjects, NAMESPACE, PROJECT_DIR, specOf } from "./harness";

/**
 * Helpers for the resource-graph tests: the resolved spec of a stack (read from its stack file, as the
 * program reads it), the recorded objects grouped by the layer component that registered them, and small
 * predicates (label selection, taint toleration) written from the Kubernetes semantics, not from Strata's code.
 */

export const LAYER_TYPE = "strata:layers:ApplicationLayer";
export const PLATFORM_TYPE = "strata:platform:Platform";
export const CLUSTER_TYPE = "strata:cluster:Cluster";
export const K8S_PROVIDER_TYPE = "pulumi:providers:kubernetes";
export const ROOT_TYPE = "pulumi:pulumi:Stack";

/** The stack config of Pulumi.<stack>.yaml under the project namespace, keys without the prefix. */
export function rawStackConfig(stack: string): Record<string, unknown> {
  const project = readProjectFile(PROJECT_DIR);
  const { config } = readStackFile(PROJECT_DIR, project, stack);
  const prefix = `${NAMESPACE}:`;
  return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

export function stackSpec(stack: string): PlatformSpec {
  return specOf(rawStackConfig(stack));
}

/** A Kubernetes object (Helm releases are not: what they install is the chart's). */
export function isKubernetesResource(r: RecordedResource): boolean {
  return r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/");
}

/** The platform service layers' components, by the layer label their objects carry. */
export const SERVICE_LAYER_TYPES: Record<string, string> = {
  "strata:mesh:Mesh": "mesh",
  "strata:edge:Edge": "edge",
  "strata:certificates:Certificates": "certificates",
  "strata:dns:Dns": "dns",
  "strata:backup:Backup": "backup",
  "strata:observability:Observability": "observability",
  "strata:karpenter:Karpenter": "karpenter",
  "strata:credentials:Credentials": "credentials",
};

export function byUrn(resources: RecordedResource[]): Map<string, RecordedResource> {
  return new Map(resources.map((r) => [r.urn, r]));
}

/** The ApplicationLayer component of a layer. */
export function layerComponent(resources: RecordedResource[], layer: string): RecordedResource {
  const found = resources.filter((r) => r.type === LAYER_TYPE && r.name === layer);
  assert.equal(found.length, 1, `expected one ${LAYER_TYPE} named ${layer}, found ${found.length}`);
  return found[0];
}

/** The components of the data layers. */
export const DATA_LAYER_TYPES = ["strata:data:Kafka", "strata:data:Postgres", "strata:data:Redis"] as const;

/**
 * What a layer's workloads wait for by its `dependsOn`, as URNs: the Deployments of the layers it names and
 * the cluster resource (Kafka, PostgresCluster, RedisCluster) of each data service it names.
 */
export function declaredStartupTargets(run: SucceededRun, layer: ApplicationLayerSpec): Set<string> {
  const urns = new Set<string>();
  for (const name of layer.dependsOn.layers) {
    const component = layerComponent(run.resources, name);
    for (const r of run.resources) if (r.parent === component.urn && isKubernetesResource(r) && (r.inputs as { kind?: string }).kind === "Deployment") urns.add(r.urn);
  }
  for (const service of layer.dependsOn.dataServices) {
    const component = dataComponent(run, service);
    for (const r of run.resources) if (r.parent === component.urn && isKubernetesResource(r) && (r.inputs as { kind?: string }).kind === DATA_LAYERS[service].cluster) urns.add(r.urn);
  }
  return urns;
}

/** Whether a resource belongs to an application layer (its parent is an ApplicationLayer). */
export function isApplicationLayerResource(run: SucceededRun, r: RecordedResource): boolean {
  const layers = new Set(run.resources.filter((c) => c.type === LAYER_TYPE).map((c) => c.urn));
  return layers.has(r.parent ?? "");
}

/** The Kubernetes objects of every application layer (not the cluster's, nor the data layers'). */
export function applicationObjects(run: SucceededRun): KubernetesObject[] {
  return kubernetesObjects(run.resources.filter((r) => isApplicationLayerResource(run, r)));
}

/** The Kubernetes objects whose resource's parent is the layer's component. */
export function objectsOfLayer(run: SucceededRun, layer: string): KubernetesObject[] {
  const component = layerComponent(run.resources, layer);
  return kubernetesObjects(run.resources.filter((r) => r.parent === component.urn));
}

export function findObject(objects: KubernetesObject[], kind: string, namespace: string | undefined, name: string): KubernetesObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  assert.equal(found.length, 1, `expected one ${kind} ${namespace ?? ""}/${name}, found ${found.length}`);
  return found[0];
}

export function onlyOne<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, found ${items.length}`);
  return items[0];
}

// ---------------------------------------------------------------------------------------------------------
// Pod specs

export interface PodTemplate {
  owner: KubernetesObject;
  metadata: { labels?: Record<string, string> };
  spec: any;
}

/** The kinds whose `spec.template` is a pod template (a Karpenter NodePool's template is a node's). */
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]);

/** Every pod template of the objects (workloads and CronJobs). */
export function podTemplates(objects: KubernetesObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    if (!WORKLOAD_KINDS.has(o.kind)) continue;
    const spec = o.spec as any;
    const template = spec?.template ?? spec?.jobTemplate?.spec?.template;
    if (template?.spec) out.push({ owner: o, metadata: template.metadata ?? {}, spec: template.spec });
  }
  return out;
}

export function allContainers(podSpec: any): any[] {
  return [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? []), ...(podSpec.ephemeralContainers ?? [])];
}

export function describeObject(o: KubernetesObject): string {
  return `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

// ---------------------------------------------------------------------------------------------------------
// Kubernetes semantics, written from the API reference

/** Whether a matchLabels selector selects an object with these labels (every key present with its value). */
export function selects(matchLabels: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);
}

/** Whether a toleration tolerates a taint (core/v1 Toleration semantics). */
export function tolerates(t: { key?: string; operator?: string; value?: string; effect?: string }, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  const operator: string = t.operator ?? "Equal";
  if (!t.key) return operator === "Exists";
  if (t.key !== taint.key) return false;
  return operator === "Exists" || t.value === taint.value;
}

// ---------------------------------------------------------------------------------------------------------
// Network rules

// The flows NetworkPolicies allow: product code (`strata graph --flows` draws them), which the tests read too.
export { allowedFlows, type Direction, type Flow } from "../manifests/network-flows";

/** A layer's ports other layers call: every port but a dedicated metrics port (docs/layers.md: the first port is the main one). */
export function expectedServingPorts(layer: ApplicationLayerSpec) {
  return layer.ports.filter((p, i) => i === 0 || p.name !== layer.metrics.port);
}

export function expectedMetricsPort(layer: ApplicationLayerSpec) {
  const port = layer.ports.find((p) => p.name === layer.metrics.port);
  assert.ok(port, `layer ${layer.name} has no port named ${layer.metrics.port}`);
  return port;
}

/** A pinned image for the layers of custom test configs. */
export const BASE_IMAGE = "registry.example.com/strata/app:1.2.3";

/**
 * Pods a layer's Deployment may run at its peak, read from the registered objects: the autoscaler's maximum
 * (else the replicas) plus the rolling update's `maxSurge` (a count, or a percentage rounded up).
 */
export function deploymentPeakPods(deployment: any, hpa?: any): number {
  const max = hpa ? hpa.spec.maxReplicas : deployment.spec.replicas;
  const surge = deployment.spec.strategy.rollingUpdate.maxSurge;
  const extra = typeof surge === "string" ? Math.ceil((max * Number(surge.replace("%", ""))) / 100) : surge;
  return max + extra;
}
