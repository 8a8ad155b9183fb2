import { referencedTopics } from "./checks";
import type { KafkaSpec } from "./spec";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { TOPIC_PREFIX_WILDCARD } from "../../config/kafka-topic-name";
import { usersOf } from "../../manifests/data/network-policies";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { KAFKA_API_VERSION } from "./cluster";
import { KAFKA_CLUSTER, KAFKA_NAMESPACE, kafkaUserName, strimziLabels } from "./names";

export interface KafkaAcl {
  type: "allow";
  resource: { type: "topic" | "group"; name: string; patternType: "literal" | "prefix" };
  operations: string[];
}

function topicResource(reference: string): KafkaAcl["resource"] {
  return reference.endsWith(TOPIC_PREFIX_WILDCARD)
    ? { type: "topic", name: reference.slice(0, -TOPIC_PREFIX_WILDCARD.length), patternType: "prefix" }
    : { type: "topic", name: reference, patternType: "literal" };
}

/**
 * A layer's ACLs: Describe and Read on each topic (or prefix) it reads, Describe and Write on each it
 * writes, and consumer groups named after the layer (prefix `<layer>`) for its readers. Nothing else: no
 * Create, Delete or Alter (topics are config), no cluster operations.
 */
export function layerAcls(layer: ApplicationLayerSpec): KafkaAcl[] {
  const access = layer.dataServices.kafka ?? { read: [], write: [] };
  const acls: KafkaAcl[] = [
    ...access.read.map((r): KafkaAcl => ({ type: "allow", resource: topicResource(r), operations: ["Describe", "Read"] })),
    ...access.write.map((w): KafkaAcl => ({ type: "allow", resource: topicResource(w), operations: ["Describe", "Write"] })),
  ];
  if (access.read.length > 0) acls.push({ type: "allow", resource: { type: "group", name: layer.name, patternType: "prefix" }, operations: ["Describe", "Read"] });
  return acls;
}

/** One KafkaUser per layer that uses Kafka: mTLS authentication, simple authorization, its exact ACLs. */
export function kafkaUsers(spec: KafkaSpec, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  const topics = spec.topics.map((t) => t.name);
  return usersOf("kafka", layers).map((layer) => {
    for (const reference of [...(layer.dataServices.kafka?.read ?? []), ...(layer.dataServices.kafka?.write ?? [])]) {
      if (referencedTopics(reference, topics).length === 0) throw new Error(`layer "${layer.name}" names topic "${reference}", which kafka.topics does not define`);
    }
    const acls = layerAcls(layer);
    return {
      apiVersion: KAFKA_API_VERSION,
      kind: "KafkaUser",
      metadata: { name: kafkaUserName(layer.name), namespace: KAFKA_NAMESPACE, labels: { ...labels, [strimziLabels.cluster]: KAFKA_CLUSTER } },
      spec: {
        authentication: { type: "tls" },
        // A layer that uses Kafka but names no topic gets a user with no ACLs: it may connect, and do nothing.
        authorization: { type: "simple", acls },
      },
    };
  });
}
