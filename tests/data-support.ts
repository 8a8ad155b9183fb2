import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { HELM_RELEASE_TYPE, kubernetesObjects } from "./harness";

/**
 * Helpers for the data-layer tests: each data layer's component, its Helm release and objects as the run
 * recorded them, and the pod placement blocks inside the custom resources, found where each CRD puts them
 * (written from the CRDs, not from Strata's code).
 */

/** Each data layer's component type, namespaces, the kinds of its custom resources and the one that is the service itself. */
export const DATA_LAYERS = {
  kafka: { type: "strata:data:Kafka", operatorNamespace: "strimzi", namespace: "kafka", kinds: ["Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"], cluster: "Kafka" },
  postgres: { type: "strata:data:Postgres", operatorNamespace: "pgo", namespace: "postgres", kinds: ["PostgresCluster"], cluster: "PostgresCluster" },
  redis: { type: "strata:data:Redis", operatorNamespace: "redis-operator", namespace: "redis", kinds: ["RedisCluster"], cluster: "RedisCluster" },
} as const;
export type DataLayerName = keyof typeof DATA_LAYERS;
export const DATA_LAYER_NAMES = Object.keys(DATA_LAYERS) as DataLayerName[];

/** Every custom resource kind the data layers create. */
export const DATA_CR_KINDS = DATA_LAYER_NAMES.flatMap((l) => DATA_LAYERS[l].kinds as readonly string[]);

export function dataComponent(run: SucceededRun, layer: DataLayerName): RecordedResource {
  const found = run.resources.filter((r) => r.type === DATA_LAYERS[layer].type);
  assert.equal(found.length, 1, `expected one ${DATA_LAYERS[layer].type}, found ${found.length}`);
  return found[0];
}

/** Resources whose parent is the data layer's component. */
export function dataResources(run: SucceededRun, layer: DataLayerName): RecordedResource[] {
  const component = dataComponent(run, layer);
  return run.resources.filter((r) => r.parent === component.urn);
}

export function dataObjects(run: SucceededRun, layer: DataLayerName): KubernetesObject[] {
  return kubernetesObjects(dataResources(run, layer));
}

export function releaseOf(run: SucceededRun, layer: DataLayerName): RecordedResource {
  const found = dataResources(run, layer).filter((r) => r.type === HELM_RELEASE_TYPE);
  assert.equal(found.length, 1, `${layer}: expected one Helm release, found ${found.length}`);
  return found[0];
}

export function objectOf(r: RecordedResource): KubernetesObject {
  return r.inputs as unknown as KubernetesObject;
}

/** A pod's scheduling fields as a custom resource spells them. */
export interface PodPlacementBlock {
  where: string;
  nodeSelector?: Record<string, string>;
  affinity?: any;
  tolerations?: any[];
  topologySpreadConstraints?: any[];
}

/** The pod placement blocks of a data custom resource (every pod it makes), by CRD field. */
export function placementBlocks(o: KubernetesObject): PodPlacementBlock[] {
  const spec = o.spec as any;
  const at = (where: string, block: any): PodPlacementBlock => ({ where: `${o.kind} ${o.metadata.name}: ${where}`, ...block });
  switch (o.kind) {
    case "KafkaNodePool":
      return [at("template.pod", spec.template?.pod ?? {})];
    case "Kafka":
      return [at("entityOperator.template.pod", spec.entityOperator?.template?.pod ?? {})];
    case "PostgresCluster":
      return [
        ...spec.instances.map((i: any) => at(`instances[${i.name}]`, i)),
        at("proxy.pgBouncer", spec.proxy?.pgBouncer ?? {}),
        at("backups.pgbackrest.jobs", spec.backups?.pgbackrest?.jobs ?? {}),
        at("backups.pgbackrest.repoHost", spec.backups?.pgbackrest?.repoHost ?? {}),
      ];
    case "RedisCluster":
      return [at("redisLeader", spec.redisLeader), at("redisFollower", spec.redisFollower)];
    default:
      return [];
  }
}

/** The node pools a block's required node affinity admits, by `strata.io/node-pool` value. */
export function requiredPools(block: PodPlacementBlock): string[] | undefined {
  const terms = block.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return undefined;
  return terms.flatMap((t: any) => (t.matchExpressions ?? []).filter((e: any) => e.key === "strata.io/node-pool" && e.operator === "In").flatMap((e: any) => e.values));
}
