import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import type { NodePool, Taint } from "../platform/placement";
import { SIDECAR_RESOURCES } from "../platform/istio";
import { parseQuantity } from "../platform/quantity";
import { DATA_LAYERS, dataObjects, type DataLayerName } from "./data-support";
import { allowedFlows, applicationObjects, findObject, layerComponent, objectsOfLayer, onlyOne } from "./graph-support";
import { objectsOfKind } from "./harness";

/**
 * Helpers for the seed-profile tests: what the registered resources say about a seed's numbers (a layer's
 * Deployment and app container, the node groups with their launch templates, which layers a layer's
 * policies let it talk to), written from the objects and AWS's naming, not from Strata's config code.
 */

export function deploymentOf(run: SucceededRun, layer: string): KubernetesObject & { spec: any } {
  return findObject(objectsOfLayer(run, layer), "Deployment", layer, layer) as KubernetesObject & { spec: any };
}

/** The layer's own container (the mesh's proxy is injected at admission, not registered). */
export function appContainer(deployment: KubernetesObject & { spec: any }): any {
  return onlyOne(deployment.spec.template.spec.containers, `container of ${deployment.metadata.name}`);
}

/** Two resource quantities ("2", "2000m"; "4Gi", "4096Mi") are the same amount. */
export function sameQuantity(actual: string | undefined, expected: string): boolean {
  return actual !== undefined && parseQuantity(actual) === parseQuantity(expected);
}

export interface NodeGroupFacts {
  pool: NodePool;
  capacityType: string;
  instanceTypes: string[];
  scaling: { minSize: number; desiredSize: number; maxSize: number };
  diskSizeGiB: number;
  labels: Record<string, string>;
  taints: Taint[];
}

const taintEffects: Record<string, Taint["effect"]> = { NO_SCHEDULE: "NoSchedule", PREFER_NO_SCHEDULE: "PreferNoSchedule", NO_EXECUTE: "NoExecute" };

/** The registered EKS node groups (one per pool, the stateful pool one per zone), each with its launch template's root disk. */
export function nodeGroups(run: SucceededRun): NodeGroupFacts[] {
  const templates = new Map(run.resources.filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate").map((r) => [`${r.name}-id`, r]));
  return run.resources
    .filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")
    .map((r: RecordedResource) => {
      const inputs = r.inputs as any;
      const template = templates.get(inputs.launchTemplate.id);
      assert.ok(template, `node group ${r.name} has no registered launch template`);
      return {
        pool: inputs.labels["strata.io/node-pool"],
        capacityType: inputs.capacityType,
        instanceTypes: inputs.instanceTypes,
        scaling: inputs.scalingConfig,
        diskSizeGiB: (template.inputs as any).blockDeviceMappings[0].ebs.volumeSize,
        labels: inputs.labels,
        taints: (inputs.taints ?? []).map((t: any) => ({ key: t.key, value: t.value, effect: taintEffects[t.effect] })),
      };
    });
}

export function nodeGroupsOfPool(run: SucceededRun, pool: NodePool): NodeGroupFacts[] {
  const groups = nodeGroups(run).filter((g) => g.pool === pool);
  assert.ok(groups.length > 0, `no node group of pool ${pool}`);
  return groups;
}

/** A Karpenter NodePool as registered, with its EC2NodeClass's root disk. */
export interface NodePoolFacts {
  pool: NodePool;
  /** Karpenter's capacity types (`karpenter.sh/capacity-type` In …). */
  capacityTypes: string[];
  /** The exact instance types, where the pool lists them (`node.kubernetes.io/instance-type`). */
  instanceTypes?: string[];
  /** Its requirements by key. */
  requirements: Record<string, { operator: string; values: string[] }>;
  /** Cores, GiB, nodes, GPUs. */
  limits: { cpu: number; memoryGiB: number; nodes?: number; gpus?: number };
  diskSizeGiB: number;
  labels: Record<string, string>;
  taints: Taint[];
  disruption: { consolidationPolicy: string; consolidateAfter: string; budgets: { nodes: string; schedule?: string; duration?: string; reasons?: string[] }[] };
  expireAfter: string;
}

/** The registered Karpenter NodePool of a pool. */
export function nodePoolOf(run: SucceededRun, pool: NodePool): NodePoolFacts {
  const objects = run.resources.map((r) => r.inputs as any).filter((o) => typeof o?.apiVersion === "string" && o.apiVersion.startsWith("karpenter."));
  const nodePool = onlyOne(objects.filter((o) => o.kind === "NodePool" && o.metadata.name === pool), `NodePool ${pool}`);
  const template = nodePool.spec.template;
  const nodeClass = onlyOne(objects.filter((o) => o.kind === "EC2NodeClass" && o.metadata.name === template.spec.nodeClassRef.name), `EC2NodeClass of ${pool}`);
  const requirements = Object.fromEntries(template.spec.requirements.map((r: any) => [r.key, { operator: r.operator, values: r.values }]));
  const limits = nodePool.spec.limits;
  return {
    pool,
    capacityTypes: requirements["karpenter.sh/capacity-type"].values,
    ...(requirements["node.kubernetes.io/instance-type"] ? { instanceTypes: requirements["node.kubernetes.io/instance-type"].values } : {}),
    requirements,
    limits: {
      cpu: parseQuantity(String(limits.cpu)),
      memoryGiB: parseQuantity(String(limits.memory)) / 2 ** 30,
      ...(limits.nodes !== undefined ? { nodes: Number(limits.nodes) } : {}),
      ...(limits["nvidia.com/gpu"] !== undefined ? { gpus: Number(limits["nvidia.com/gpu"]) } : {}),
    },
    diskSizeGiB: parseQuantity(nodeClass.spec.blockDeviceMappings[0].ebs.volumeSize) / 2 ** 30,
    labels: template.metadata.labels,
    taints: template.spec.taints ?? [],
    disruption: nodePool.spec.disruption,
    expireAfter: template.spec.expireAfter,
  };
}

/** What a workload asks of its pool at its peak: `pods` pods of the given requests, each with the mesh's sidecar. */
export function withSidecars(pods: number, requests: { cpu: string; memory: string }): { cpu: number; memoryGiB: number } {
  const per = (key: "cpu" | "memory") => parseQuantity(requests[key]) + parseQuantity(SIDECAR_RESOURCES.requests[key]);
  return { cpu: pods * per("cpu"), memoryGiB: (pods * per("memory")) / 2 ** 30 };
}

/**
 * vCPUs and GiB of an instance type of the general purpose (m), memory optimized (r) or compute optimized (c)
 * families, from AWS's naming: `large` is 2 vCPUs, `xlarge` 4, `<N>xlarge` 4N; m has 4 GiB per vCPU, r 8, c 2.
 */
export function instanceCapacity(type: string): { vcpus: number; memoryGiB: number } {
  const match = /^([mrc])\d+[a-z-]*\.(large|xlarge|(\d+)xlarge)$/.exec(type);
  assert.ok(match, `${type}: not an m, r or c instance type this helper knows`);
  const vcpus = match[2] === "large" ? 2 : match[2] === "xlarge" ? 4 : 4 * Number(match[3]);
  return { vcpus, memoryGiB: vcpus * { m: 4, r: 8, c: 2 }[match[1] as "m" | "r" | "c"] };
}

/** Whether requests fit on one node of every instance type given (whole capacity: what a node offers at best). */
export function fitsEveryType(requests: { cpu: string; memory: string }, instanceTypes: string[]): boolean {
  return instanceTypes.every((t) => {
    const { vcpus, memoryGiB } = instanceCapacity(t);
    return parseQuantity(requests.cpu) < vcpus && parseQuantity(requests.memory) < memoryGiB * 2 ** 30;
  });
}

/** The application layers a layer's NetworkPolicies let it send to or receive from (of the layers named). */
export function networkNeighbours(run: SucceededRun, layer: string, layers: readonly string[]): string[] {
  const policies = objectsOfKind(applicationObjects(run), "NetworkPolicy").filter((p) => p.metadata.namespace === layer);
  return [...new Set(allowedFlows(policies).map((f) => f.namespace).filter((ns) => layers.includes(ns)))].sort();
}

/** The application layers whose service accounts the layer's AuthorizationPolicies admit (of the layers named). */
export function admittedLayers(run: SucceededRun, layer: string, layers: readonly string[]): string[] {
  const policies = objectsOfKind(objectsOfLayer(run, layer), "AuthorizationPolicy");
  const principals: string[] = policies.flatMap((p: any) => p.spec.rules.flatMap((r: any) => r.from.flatMap((f: any) => f.source.principals ?? [])));
  return [...new Set(principals.map((p) => /^cluster\.local\/ns\/([^/]+)\/sa\//.exec(p)![1]).filter((ns) => layers.includes(ns)))].sort();
}

/** The URNs a layer's Deployment waits for, as "Deployment <layer>" or "<data service>". */
export function startupTargets(run: SucceededRun, layer: string, layers: readonly string[]): string[] {
  const deployment = run.resources.find((r) => r.parent === layerComponent(run.resources, layer).urn && (r.inputs as any)?.kind === "Deployment");
  assert.ok(deployment, `${layer}: no Deployment registered`);
  const targets: string[] = [];
  for (const other of layers) {
    const urn = run.resources.find((r) => r.parent === layerComponent(run.resources, other).urn && (r.inputs as any)?.kind === "Deployment")?.urn;
    if (urn && deployment.dependsOn.includes(urn)) targets.push(`Deployment ${other}`);
  }
  for (const service of Object.keys(DATA_LAYERS) as DataLayerName[]) {
    const cluster = run.resources.find((r) => r.type.startsWith("kubernetes:") && (r.inputs as any)?.kind === DATA_LAYERS[service].cluster);
    if (cluster && deployment.dependsOn.includes(cluster.urn)) targets.push(service);
  }
  return targets.sort();
}

/** The data service's one cluster custom resource (RedisCluster, PostgresCluster, Kafka). */
export function dataCluster(run: SucceededRun, service: DataLayerName): any {
  return onlyOne(objectsOfKind(dataObjects(run, service), DATA_LAYERS[service].cluster), DATA_LAYERS[service].cluster);
}
