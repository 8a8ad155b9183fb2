import type { CheckContext } from "../../config/capability-config";
import { dataServiceDeployed, dataServiceReferenceIssues, serviceSection } from "../../config/data-services";
import type { ConfigIssue } from "../../config/issues";
import { asArray, isInt, isObject, isString, type Raw } from "../../config/raw";
import { defaultTopics, kafkaProfileDefaults } from "./defaults";
import { defaultMinInSyncReplicas, defaultReplicationFactor } from "./resolve";
import { TOPIC_PREFIX_WILDCARD } from "../../config/kafka-topic-name";
import { kafkaTopicSchema } from "./schema";

/**
 * Kafka's checks that relate several keys, or a key and a default: the replication factor, min ISR and
 * broker count, topics the layers name. They read the raw config defensively: a value of the wrong type is
 * left to the schema.
 */
export function kafkaIssues(context: CheckContext): ConfigIssue[] {
  const issues = dataServiceReferenceIssues("kafka", context);
  if (dataServiceDeployed(context.raw, "kafka", context.layers)) issues.push(...kafkaSectionIssues(serviceSection(context.raw, "kafka"), context));
  return issues;
}

function kafkaSectionIssues(kafka: Raw, context: CheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const defaults = kafkaProfileDefaults[context.profile];
  const controllers = isObject(kafka.controllers) && isInt(kafka.controllers.replicas) ? kafka.controllers.replicas : undefined;
  if (controllers !== undefined && controllers % 2 === 0) {
    issues.push({
      path: "kafka.controllers.replicas",
      message: `a KRaft quorum needs a majority: ${controllers} controllers tolerate no more failures than ${controllers - 1}; use an odd count`,
    });
  }

  const brokersGiven = isObject(kafka.brokers) && isInt(kafka.brokers.replicas);
  const brokers = brokersGiven ? ((kafka.brokers as Raw).replicas as number) : defaults.brokers.replicas;
  const brokersSource = brokersGiven ? `${brokers} brokers` : `${brokers} brokers (the ${context.profile} profile's default)`;
  const rfGiven = isInt(kafka.replicationFactor);
  const rf = rfGiven ? (kafka.replicationFactor as number) : defaultReplicationFactor(brokers);
  if (rfGiven && rf > brokers) {
    issues.push({ path: "kafka.replicationFactor", message: `replicationFactor ${rf} exceeds the broker count: ${brokersSource} cannot hold ${rf} replicas` });
  }
  if (context.profile === "prod" && rf < 2) {
    const path = rfGiven ? "kafka.replicationFactor" : "kafka.brokers.replicas";
    issues.push({ path, message: `prod needs a replication factor of at least 2 (got ${rf}${rfGiven ? "" : `, from ${brokersSource}`}): one broker's loss would lose data` });
  }
  if (isInt(kafka.minInSyncReplicas)) {
    const minIsr = kafka.minInSyncReplicas;
    if (minIsr > rf || (minIsr === rf && rf > 1)) {
      const source = rfGiven ? `replicationFactor ${rf}` : `the replication factor ${rf} (derived from ${brokersSource})`;
      issues.push({
        path: "kafka.minInSyncReplicas",
        message: `minInSyncReplicas ${minIsr} must be below ${source}: otherwise one broker down stops every acks=all write`,
      });
    }
  }
  const minIsr = isInt(kafka.minInSyncReplicas) ? kafka.minInSyncReplicas : defaultMinInSyncReplicas(rf);

  const topics = Array.isArray(kafka.topics) ? kafka.topics : defaultTopics(context.defaultLayers);
  const names = new Map<string, number>();
  topics.forEach((given, i) => {
    if (!isObject(given)) return;
    let topic: Raw = given;
    const at = `kafka.topics[${i}]`;
    if (isString(topic.name)) {
      if (names.has(topic.name)) issues.push({ path: `${at}.name`, message: `topic "${topic.name}" is defined twice (also kafka.topics[${names.get(topic.name)}])` });
      else names.set(topic.name, i);
    }
    issues.push(...rawTopicConfigIssues(topic, at));
    // The raw map's min.insync.replicas is judged as the typed key is (rawTopicConfigIssues refuses both at once).
    const rawMinIsr = isObject(topic.config) ? asKafkaInt(topic.config["min.insync.replicas"]) : undefined;
    if (rawMinIsr !== undefined && !isInt(topic.minInSyncReplicas)) topic = { ...topic, minInSyncReplicas: rawMinIsr };
    const replicas = isInt(topic.replicas) ? topic.replicas : rf;
    if (isInt(topic.replicas) && topic.replicas > brokers) {
      issues.push({ path: `${at}.replicas`, message: `${topic.replicas} replicas exceed the broker count (${brokersSource})` });
    }
    const isrPath = isInt(given.minInSyncReplicas) ? `${at}.minInSyncReplicas` : `${at}.config.min.insync.replicas`;
    if (isInt(topic.minInSyncReplicas) && (topic.minInSyncReplicas > replicas || (topic.minInSyncReplicas === replicas && replicas > 1))) {
      issues.push({ path: isrPath, message: `minInSyncReplicas ${topic.minInSyncReplicas} must be below the topic's ${replicas} replicas` });
    }
    if (!isInt(topic.minInSyncReplicas) && isInt(topic.replicas) && minIsr >= topic.replicas && topic.replicas > 1) {
      issues.push({ path: `${at}.replicas`, message: `${topic.replicas} replicas leave no room above the cluster's minInSyncReplicas ${minIsr}: set more replicas or the topic's minInSyncReplicas` });
    }
  });
  issues.push(...topicReferenceIssues([...names.keys()], context.layers));
  return issues;
}

/** Topic-level Kafka config keys the typed topic keys set: the raw map's value must pass the typed key's rules. */
const TYPED_TOPIC_CONFIG = {
  "min.insync.replicas": "minInSyncReplicas",
  "retention.ms": "retentionMs",
  "compression.type": "compression",
  "cleanup.policy": "cleanupPolicy",
} as const satisfies Record<string, keyof typeof kafkaTopicSchema.shape>;

/** A Kafka integer as a config map may spell it (2 or "2"); undefined when it is none. */
function asKafkaInt(value: unknown): number | undefined {
  if (isInt(value)) return value;
  return isString(value) && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * A topic's raw `config` map checked with the typed keys' rules: `config: {min.insync.replicas: 9}` is judged
 * as `minInSyncReplicas: 9` is, and a key set both ways is refused (which one would Strimzi apply?).
 */
function rawTopicConfigIssues(topic: Raw, at: string): ConfigIssue[] {
  if (!isObject(topic.config)) return [];
  const issues: ConfigIssue[] = [];
  for (const [kafkaKey, typedKey] of Object.entries(TYPED_TOPIC_CONFIG)) {
    if (!(kafkaKey in topic.config)) continue;
    const path = `${at}.config.${kafkaKey}`;
    if (topic[typedKey] !== undefined) {
      issues.push({ path, message: `is ${typedKey} too: set it once, as ${at}.${typedKey}` });
      continue;
    }
    const raw = topic.config[kafkaKey];
    const value = typedKey === "compression" || typedKey === "cleanupPolicy" ? raw : (asKafkaInt(raw) ?? raw);
    const result = kafkaTopicSchema.shape[typedKey].safeParse(value);
    if (!result.success) issues.push(...result.error.issues.map((i) => ({ path, message: `${i.message} (as ${typedKey})` })));
  }
  return issues;
}

/** Whether a layer's reference (a name, or a prefix ending in `*`) names at least one topic. */
export function referencedTopics(reference: string, topics: string[]): string[] {
  if (reference.endsWith(TOPIC_PREFIX_WILDCARD)) {
    const prefix = reference.slice(0, -TOPIC_PREFIX_WILDCARD.length);
    return topics.filter((t) => t.startsWith(prefix));
  }
  return topics.filter((t) => t === reference);
}

function topicReferenceIssues(topics: string[], layers: unknown[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  layers.forEach((layer, i) => {
    if (!isObject(layer) || !isObject(layer.dataServices) || !isObject(layer.dataServices.kafka)) return;
    const access = layer.dataServices.kafka;
    for (const mode of ["read", "write"] as const) {
      asArray(access[mode]).forEach((reference, j) => {
        if (!isString(reference) || referencedTopics(reference, topics).length > 0) return;
        const known = topics.length ? `topics are: ${topics.join(", ")}` : "kafka.topics defines none";
        const what = reference.endsWith(TOPIC_PREFIX_WILDCARD) ? `no topic starts with "${reference.slice(0, -1)}"` : `topic "${reference}" is not in kafka.topics`;
        issues.push({ path: `layers[${i}].dataServices.kafka.${mode}[${j}]`, message: `${what}; ${known}` });
      });
    }
  });
  return issues;
}
