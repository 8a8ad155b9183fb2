import { createHash } from "node:crypto";
import { dataServiceEndpoints } from "../../platform/data-services";

/** Names of the Kafka layer's objects, and the names Strimzi derives from them (services, secrets). */

export const KAFKA_NAMESPACE = dataServiceEndpoints.kafka.namespace;
/** The Kafka cluster's name: Strimzi prefixes every object it makes with it. */
export const KAFKA_CLUSTER = "strata";
export const TLS_LISTENER = dataServiceEndpoints.kafka.ports[0];
export const nodePoolNames = { controllers: "controller", brokers: "broker" } as const;

/** Labels Strimzi puts on its pods (the cluster, the node pool). */
export const strimziLabels = {
  cluster: "strimzi.io/cluster",
  poolName: "strimzi.io/pool-name",
} as const;

/** In-cluster bootstrap address of the TLS listener: `<cluster>-kafka-bootstrap.<ns>.svc:<port>`. */
export function bootstrapServers(): string {
  return `${KAFKA_CLUSTER}-kafka-bootstrap.${KAFKA_NAMESPACE}.svc:${TLS_LISTENER.port}`;
}

/** The Secret holding the cluster CA certificate clients trust (`ca.crt`), made by Strimzi. */
export function clusterCaSecretName(): string {
  return `${KAFKA_CLUSTER}-cluster-ca-cert`;
}

/** A layer's KafkaUser; the User Operator stores its client certificate in a Secret of the same name. */
export function kafkaUserName(layer: string): string {
  return layer;
}

/**
 * A KafkaTopic's object name: Kafka topic names allow upper case and '_', Kubernetes names do not. The
 * lower-cased, '-'-separated form plus a short hash of the real name keeps `raw_events.R` and `raw_events.r`
 * apart; `spec.topicName` carries the real name.
 */
export function topicResourceName(topic: string): string {
  const readable = topic.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 50);
  const hash = createHash("sha256").update(topic).digest("hex").slice(0, 8);
  return `${readable || "topic"}-${hash}`;
}
