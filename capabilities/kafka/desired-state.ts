import type { DataServicePlatform, KafkaSpec } from "./spec";
import { dataLayerMeshObjects } from "../../manifests/data/mesh-policies";
import { dataLayerLabels, dataLayerNamespaces } from "../../manifests/data/namespaces";
import type { DataLayerPlan } from "../../manifests/data/plan";
import { kafkaCluster, kafkaNodePools } from "./cluster";
import { strimziOperatorChart } from "./operator";
import { kafkaTopics } from "./topics";
import { kafkaUsers } from "./users";

export { bootstrapServers, clusterCaSecretName, kafkaUserName, KAFKA_CLUSTER, KAFKA_NAMESPACE, topicResourceName } from "./names";
export { layerAcls, type KafkaAcl } from "./users";

/**
 * The desired state of the Kafka layer: the Strimzi operator's release, its and Kafka's namespaces with
 * their network rules, the Kafka cluster and its KRaft node pools, the topics from config and a user per
 * layer that uses Kafka. Pure: plain data, copies, the same for the same spec.
 */
export function kafkaDesiredState(spec: KafkaSpec, platform: DataServicePlatform): DataLayerPlan {
  const labels = dataLayerLabels("kafka");
  return structuredClone({
    prerequisites: dataLayerNamespaces("kafka", platform),
    operator: strimziOperatorChart(platform.profile),
    customResources: [
      kafkaCluster(spec, labels, platform.placement),
      ...kafkaNodePools(spec, labels, platform.placement),
      ...kafkaTopics(spec, labels),
      ...kafkaUsers(spec, platform.layers, labels),
    ],
    meshObjects: dataLayerMeshObjects("kafka", platform.layers, labels),
    generatedSecrets: [],
  });
}
