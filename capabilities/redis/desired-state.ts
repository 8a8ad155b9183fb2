import type { DataServicePlatform, RedisSpec } from "./spec";
import { dataLayerMeshObjects } from "../../manifests/data/mesh-policies";
import { dataLayerLabels, dataLayerNamespaces } from "../../manifests/data/namespaces";
import type { DataLayerPlan } from "../../manifests/data/plan";
import { redisCluster, redisConfigMap, redisPasswordSecret } from "./cluster";
import { redisOperatorChart } from "./operator";

export { PASSWORD_SECRET, redisHost, REDIS_CLUSTER, REDIS_NAMESPACE, REDIS_PORT } from "./names";

/**
 * The desired state of the Redis layer: the operator's release, its and Redis's namespaces with their
 * network rules, the persistence config, the generated password Secret and the RedisCluster.
 */
export function redisDesiredState(spec: RedisSpec, platform: DataServicePlatform): DataLayerPlan {
  const labels = dataLayerLabels("redis");
  return structuredClone({
    prerequisites: [...dataLayerNamespaces("redis", platform), redisConfigMap(spec, labels)],
    operator: redisOperatorChart(),
    customResources: [redisCluster(spec, labels, platform.placement)],
    meshObjects: dataLayerMeshObjects("redis", platform.layers, labels),
    generatedSecrets: [redisPasswordSecret(labels)],
  });
}
