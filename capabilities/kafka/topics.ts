import type { KafkaSpec } from "./spec";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { KAFKA_API_VERSION } from "./cluster";
import { KAFKA_CLUSTER, KAFKA_NAMESPACE, strimziLabels, topicResourceName } from "./names";

/** One KafkaTopic per configured topic; the Topic Operator creates and keeps each in Kafka. */
export function kafkaTopics(spec: KafkaSpec, labels: Record<string, string>): KubernetesObject[] {
  return spec.topics.map((topic) => ({
    apiVersion: KAFKA_API_VERSION,
    kind: "KafkaTopic",
    metadata: { name: topicResourceName(topic.name), namespace: KAFKA_NAMESPACE, labels: { ...labels, [strimziLabels.cluster]: KAFKA_CLUSTER } },
    spec: {
      topicName: topic.name,
      partitions: topic.partitions,
      replicas: topic.replicas,
      ...(Object.keys(topic.config).length ? { config: topic.config } : {}),
    },
  }));
}
