import { dataServiceNames, type DataServiceName } from "../platform/data-services";
import { dataDefaults, dataProfileDefaults, seedTopics } from "./data-defaults";
import { defaultMinInSyncReplicas, defaultReplicationFactor } from "./data-resolve";
import { TOPIC_PREFIX_WILDCARD } from "../capabilities/kafka/topic-name";
import type { ConfigIssue } from "./issues";
import type { Profile } from "./profiles";
import { asArray, isInt, isObject, isString, type Raw } from "./raw";

/**
 * Data-layer checks that relate several keys, or a key and a default: Kafka's replication factor, min ISR
 * and broker count, topics the layers name, Postgres and Redis HA in prod, backups in existing-cluster mode.
 * Like checks.ts they read the raw config defensively: a value of the wrong type is left to the schema.
 */


export interface DataCheckContext {
  profile: Profile;
  /** The layers as configured (raw), or the default layers. */
  layers: unknown[];
  /** The layers are the default set. */
  defaultLayers: boolean;
  clusterMode: "eks" | "existing" | undefined;
  awsRegion?: string;
}

function section(raw: Raw, service: DataServiceName): Raw {
  return isObject(raw[service]) ? (raw[service] as Raw) : {};
}

function layerUses(layer: unknown, service: DataServiceName): boolean {
  return isObject(layer) && isObject(layer.dataServices) && layer.dataServices[service] !== undefined;
}

/** Whether a data layer is deployed: as `<service>.enabled` says, else when some layer uses it. */
export function dataServiceDeployed(raw: Raw, service: DataServiceName, layers: unknown[]): boolean {
  const configured = section(raw, service).enabled;
  return typeof configured === "boolean" ? configured : layers.some((l) => layerUses(l, service));
}

export function dataIssues(raw: unknown, context: DataCheckContext): ConfigIssue[] {
  if (!isObject(raw)) return [];
  const issues: ConfigIssue[] = [...disabledServiceIssues(raw, context.layers)];
  if (dataServiceDeployed(raw, "kafka", context.layers)) issues.push(...kafkaIssues(section(raw, "kafka"), context));
  if (dataServiceDeployed(raw, "postgres", context.layers)) issues.push(...postgresIssues(section(raw, "postgres"), context));
  if (dataServiceDeployed(raw, "redis", context.layers)) issues.push(...redisIssues(section(raw, "redis"), context));
  return issues;
}

/** A layer may not use a data service the config turns off. */
function disabledServiceIssues(raw: Raw, layers: unknown[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const service of dataServiceNames) {
    if (section(raw, service).enabled !== false) continue;
    layers.forEach((layer, i) => {
      if (layerUses(layer, service)) {
        issues.push({ path: `layers[${i}].dataServices.${service}`, message: `${service} is turned off (${service}.enabled: false): a layer cannot use it` });
      }
    });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Kafka

function kafkaIssues(kafka: Raw, context: DataCheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const defaults = dataProfileDefaults[context.profile].kafka;
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

  const topics = Array.isArray(kafka.topics) ? kafka.topics : context.defaultLayers ? seedTopics : [];
  const names = new Map<string, number>();
  topics.forEach((topic, i) => {
    if (!isObject(topic)) return;
    const at = `kafka.topics[${i}]`;
    if (isString(topic.name)) {
      if (names.has(topic.name)) issues.push({ path: `${at}.name`, message: `topic "${topic.name}" is defined twice (also kafka.topics[${names.get(topic.name)}])` });
      else names.set(topic.name, i);
    }
    const replicas = isInt(topic.replicas) ? topic.replicas : rf;
    if (isInt(topic.replicas) && topic.replicas > brokers) {
      issues.push({ path: `${at}.replicas`, message: `${topic.replicas} replicas exceed the broker count (${brokersSource})` });
    }
    if (isInt(topic.minInSyncReplicas) && (topic.minInSyncReplicas > replicas || (topic.minInSyncReplicas === replicas && replicas > 1))) {
      issues.push({ path: `${at}.minInSyncReplicas`, message: `minInSyncReplicas ${topic.minInSyncReplicas} must be below the topic's ${replicas} replicas` });
    }
    if (!isInt(topic.minInSyncReplicas) && isInt(topic.replicas) && minIsr >= topic.replicas && topic.replicas > 1) {
      issues.push({ path: `${at}.replicas`, message: `${topic.replicas} replicas leave no room above the cluster's minInSyncReplicas ${minIsr}: set more replicas or the topic's minInSyncReplicas` });
    }
  });
  issues.push(...topicReferenceIssues([...names.keys()], context.layers));
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

// ---------------------------------------------------------------------------------------------------------
// Postgres

/** The fewest Postgres instances prod runs: a primary and two replicas (seeds 000, 002). */
export const MIN_PROD_POSTGRES_INSTANCES = 3;
/** The fewest pgBouncers prod runs: one may be drained while the other serves. */
export const MIN_PROD_PGBOUNCERS = 2;

function postgresIssues(postgres: Raw, context: DataCheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const defaults = dataProfileDefaults[context.profile].postgres;
  const instancesGiven = Array.isArray(postgres.instances);
  const sets = instancesGiven ? (postgres.instances as unknown[]) : [{ name: dataDefaults.postgres.instanceSetName, replicas: defaults.replicas }];
  const total = sets.reduce<number>((sum, s) => sum + (isObject(s) && isInt(s.replicas) ? s.replicas : 0), 0);
  const allCounted = sets.every((s) => isObject(s) && isInt(s.replicas));
  const seen = new Map<string, number>();
  sets.forEach((s, i) => {
    if (!isObject(s) || !isString(s.name)) return;
    if (seen.has(s.name)) issues.push({ path: `postgres.instances[${i}].name`, message: `instance set "${s.name}" is defined twice (also postgres.instances[${seen.get(s.name)}])` });
    else seen.set(s.name, i);
  });
  if (context.profile === "prod" && allCounted && sets.length > 0 && total < MIN_PROD_POSTGRES_INSTANCES) {
    issues.push({ path: "postgres.instances", message: `prod runs at least ${MIN_PROD_POSTGRES_INSTANCES} Postgres instances in total (a primary and 2 replicas); got ${total}` });
  }
  const sync = typeof postgres.synchronousReplication === "boolean" ? postgres.synchronousReplication : defaults.synchronousReplication;
  if (sync && allCounted && sets.length > 0 && total < 2) {
    const source = typeof postgres.synchronousReplication === "boolean" ? "synchronousReplication" : `synchronousReplication (the ${context.profile} profile's default)`;
    issues.push({ path: "postgres.synchronousReplication", message: `${source} needs a replica to commit to: ${total} instance in total` });
  }
  const pgBouncer = isObject(postgres.pgBouncer) ? postgres.pgBouncer : {};
  if (context.profile === "prod" && isInt(pgBouncer.replicas) && pgBouncer.replicas < MIN_PROD_PGBOUNCERS) {
    issues.push({ path: "postgres.pgBouncer.replicas", message: `prod runs at least ${MIN_PROD_PGBOUNCERS} pgBouncers (got ${pgBouncer.replicas})` });
  }
  const extensions = asArray(postgres.extensions);
  extensions.forEach((e, i) => {
    if (isString(e) && extensions.indexOf(e) !== i) issues.push({ path: `postgres.extensions[${i}]`, message: `extension "${e}" is listed twice` });
  });
  issues.push(...backupIssues(isObject(postgres.backups) ? postgres.backups : {}, context));
  return issues;
}

function backupIssues(backups: Raw, context: DataCheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const second = isObject(backups.secondRepository) ? backups.secondRepository : undefined;
  if (context.clusterMode === "existing") {
    if (backups.roleArn === undefined) {
      issues.push({
        path: "postgres.backups.roleArn",
        message: "an existing cluster gets no AWS resources from Strata: name the IAM role pgBackRest assumes (trusting the postgres namespace's strata-instance and strata-pgbackrest service accounts)",
      });
    }
    if (backups.region === undefined && context.awsRegion === undefined) {
      issues.push({ path: "postgres.backups.region", message: "the backup bucket's region is needed: set it here or set aws:region" });
    }
    if (second && second.bucket === undefined) {
      issues.push({ path: "postgres.backups.secondRepository.bucket", message: "an existing cluster gets no buckets from Strata: name the second repository's bucket" });
    }
  } else if (context.clusterMode === "eks" && backups.roleArn !== undefined) {
    issues.push({ path: "postgres.backups.roleArn", message: "in EKS mode Strata makes pgBackRest's role itself (IRSA); roleArn is for existing clusters" });
  }
  if (second && isString(second.bucket) && second.region === undefined && context.clusterMode === "eks") {
    // A named bucket: Strata does not look it up, so the region must be known.
    if (context.awsRegion === undefined) issues.push({ path: "postgres.backups.secondRepository.region", message: "give the named bucket's region" });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Redis

function redisIssues(redis: Raw, context: DataCheckContext): ConfigIssue[] {
  if (context.profile !== "prod" || !isInt(redis.followers)) return [];
  const leaders = isInt(redis.leaders) ? redis.leaders : dataDefaults.redis.leaders;
  if (redis.followers >= leaders) return [];
  return [
    {
      path: "redis.followers",
      message: `prod needs a follower for every leader (${leaders} leaders, got ${redis.followers} followers): a leader without one loses its slots' data when its node goes`,
    },
  ];
}
