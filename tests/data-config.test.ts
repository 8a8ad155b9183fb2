import { strict as assert } from "node:assert";
import { validateStackConfig } from "../stack";
import { dataObjects } from "./data-support";
import { asStackConfig, objectsOfKind, runValidConfig, specOf, testLayer, unwrapSecrets } from "./harness";
import { EXISTING, EXISTING_SERVICES } from "./cluster-support";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * Data-layer config: defaults per profile, and invalid config rejected by the real program (offline) with
 * every problem at its key path and nothing registered.
 */

const kafkaUser = (read: string[] = [], write: string[] = []) => testLayer("app", { dataServices: { kafka: { read, write } } });
const uses = (service: string) => testLayer("app", { dataServices: { [service]: {} } });

const cases: InvalidCase[] = [
  {
    title: "min ISR equal to the replication factor",
    config: { profile: "prod", layers: [kafkaUser()], kafka: { replicationFactor: 3, minInSyncReplicas: 3 } },
    issues: [issue("kafka.minInSyncReplicas", /minInSyncReplicas 3 must be below replicationFactor 3/)],
  },
  {
    title: "min ISR above the factor derived from the broker count",
    config: { profile: "prod", layers: [kafkaUser()], kafka: { brokers: { replicas: 3 }, minInSyncReplicas: 4 } },
    issues: [issue("kafka.minInSyncReplicas", /must be below the replication factor 3 \(derived from 3 brokers\)/)],
  },
  {
    title: "a replication factor above the broker count",
    config: { profile: "prod", layers: [kafkaUser()], kafka: { brokers: { replicas: 2 }, replicationFactor: 3 } },
    issues: [issue("kafka.replicationFactor", /replicationFactor 3 exceeds the broker count: 2 brokers/)],
  },
  {
    title: "one broker in prod (no replication)",
    config: { profile: "prod", layers: [kafkaUser()], kafka: { brokers: { replicas: 1 } } },
    issues: [issue("kafka.brokers.replicas", /prod needs a replication factor of at least 2 \(got 1, from 1 brokers\)/)],
  },
  {
    title: "an even KRaft quorum",
    config: { profile: "prod", layers: [kafkaUser()], kafka: { controllers: { replicas: 4 } } },
    issues: [issue("kafka.controllers.replicas", /use an odd count/)],
  },
  {
    title: "zero brokers",
    config: { profile: "dev", layers: [kafkaUser()], kafka: { brokers: { replicas: 0 } } },
    issues: [issue("kafka.brokers.replicas", />=1/)],
  },
  {
    title: "a topic with 0 partitions",
    config: { profile: "dev", layers: [kafkaUser(["t"])], kafka: { topics: [{ name: "t", partitions: 0 }] } },
    issues: [issue("kafka.topics[0].partitions", />=1 \(got 0\)/)],
  },
  {
    title: "a topic defined twice, a topic with more replicas than brokers, a malformed topic name",
    config: { profile: "dev", layers: [kafkaUser(["t"])], kafka: { topics: [{ name: "t" }, { name: "t" }, { name: "u", replicas: 3 }, { name: "bad name" }] } },
    issues: [
      issue("kafka.topics[1].name", /topic "t" is defined twice \(also kafka.topics\[0\]\)/),
      issue("kafka.topics[2].replicas", /3 replicas exceed the broker count/),
      issue("kafka.topics[3].name", /must be a Kafka topic name/),
    ],
  },
  {
    title: "a layer reading a topic that does not exist and writing a prefix no topic has",
    config: { profile: "dev", layers: [kafkaUser(["ghost"], ["raw.*"])], kafka: { topics: [{ name: "events" }] } },
    issues: [
      issue("layers[0].dataServices.kafka.read[0]", /topic "ghost" is not in kafka.topics; topics are: events/),
      issue("layers[0].dataServices.kafka.write[0]", /no topic starts with "raw."/),
    ],
  },
  {
    title: "a layer using a data service that is turned off",
    config: { profile: "dev", layers: [uses("redis")], redis: { enabled: false } },
    issues: [issue("layers[0].dataServices.redis", /redis is turned off/)],
  },
  {
    title: "zero Postgres instance sets",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { instances: [] } },
    issues: [issue("postgres.instances", /needs at least one instance set/)],
  },
  {
    title: "an instance set of zero replicas",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { instances: [{ name: "a", replicas: 0 }] } },
    issues: [issue("postgres.instances[0].replicas", />=1/)],
  },
  {
    title: "prod: fewer than 3 Postgres instances, one pgBouncer",
    config: { profile: "prod", layers: [uses("postgres")], postgres: { instances: [{ name: "a", replicas: 2 }], pgBouncer: { replicas: 1 } } },
    issues: [
      issue("postgres.instances", /at least 3 Postgres instances in total .* got 2/),
      issue("postgres.pgBouncer.replicas", /at least 2 pgBouncers \(got 1\)/),
    ],
  },
  {
    title: "synchronous replication with a single instance",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { synchronousReplication: true } },
    issues: [issue("postgres.synchronousReplication", /needs a replica to commit to: 1 instance/)],
  },
  {
    title: "an unsupported Postgres version, a malformed schedule, an unknown key",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { version: 12, backups: { schedules: { full: "weekly" } }, replica: 2 } },
    issues: [
      issue("postgres.version", /must be one of 15, 16, 17, 18/),
      issue("postgres.backups.schedules.full", /five-field cron schedule/),
      issue("postgres.replica", /unknown key/),
    ],
  },
  {
    title: "existing cluster: no pgBackRest role, no region, a second repository without a bucket",
    config: { profile: "prod", cluster: EXISTING, ...EXISTING_SERVICES, layers: [uses("postgres")], postgres: { backups: { secondRepository: { region: "us-west-2" } } } },
    issues: [
      issue("postgres.backups.roleArn", /name the IAM role pgBackRest assumes/),
      issue("postgres.backups.region", /set it here or set aws:region/),
      issue("postgres.backups.secondRepository.bucket", /name the second repository's bucket/),
    ],
  },
  {
    title: "empty pgBackRest schedules (they would replace the defaults with none)",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { backups: { schedules: {} } } },
    issues: [issue("postgres.backups.schedules", /name at least one of full, differential and incremental/)],
  },
  {
    title: "EKS mode with a pgBackRest role given",
    config: { profile: "dev", layers: [uses("postgres")], postgres: { backups: { roleArn: "arn:aws:iam::123456789012:role/x" } } },
    issues: [issue("postgres.backups.roleArn", /Strata makes pgBackRest's role itself/)],
  },
  {
    title: "Redis with 0 followers in prod",
    config: { profile: "prod", layers: [uses("redis")], redis: { followers: 0 } },
    issues: [issue("redis.followers", /prod needs a follower for every leader \(3 leaders, got 0 followers\)/)],
  },
  {
    title: "Redis with 2 leaders, a latest image",
    config: { profile: "dev", layers: [uses("redis")], redis: { leaders: 2, image: "quay.io/opstree/redis:latest" } },
    issues: [
      issue("redis.leaders", /at least 3 leaders/),
      issue("redis.image", /"latest"/),
    ],
  },
];

describe("data layers: config", () => {
  describe("invalid config: every problem at its key path, nothing registered", () => {
    itRejectsEachCase(cases);
  });

  describe("defaults", () => {
    it("prod: 3 controllers and 3 brokers, RF 3, min ISR 2, volumes kept; Postgres 3 instances, sync, 2 pgBouncers; Redis 3 + 3", () => {
      const spec = specOf({ profile: "prod" });
      assert.equal(spec.kafka!.controllers.replicas, 3);
      assert.equal(spec.kafka!.brokers.replicas, 3);
      assert.equal(spec.kafka!.replicationFactor, 3);
      assert.equal(spec.kafka!.minInSyncReplicas, 2);
      assert.equal(spec.kafka!.deleteClaims, false);
      assert.deepEqual(spec.postgres!.instances.map((i) => i.replicas), [3]);
      assert.equal(spec.postgres!.synchronousReplication, true);
      assert.equal(spec.postgres!.pgBouncer.replicas, 2);
      assert.deepEqual([spec.redis!.leaders, spec.redis!.followers], [3, 3]);
    });

    it("dev: one controller and one broker (RF 1), one Postgres instance without sync replication", () => {
      const spec = specOf({ profile: "dev" });
      assert.deepEqual([spec.kafka!.controllers.replicas, spec.kafka!.brokers.replicas, spec.kafka!.replicationFactor, spec.kafka!.minInSyncReplicas], [1, 1, 1, 1]);
      assert.equal(spec.postgres!.synchronousReplication, false);
    });

    it("the default layers come with seed 001's topics (raw and parsed events per axis, 6 partitions, lz4; rl_rewards) and pgvector", () => {
      const spec = specOf({ profile: "prod" });
      const topics = spec.kafka!.topics;
      assert.equal(topics.length, 19);
      const raw = topics.find((t) => t.name === "raw_events.R")!;
      assert.deepEqual(raw, { name: "raw_events.R", partitions: 6, replicas: 3, config: { "retention.ms": 604800000, "compression.type": "lz4" } });
      assert.equal(topics.find((t) => t.name === "parsed_events.D")!.config["retention.ms"], 2592000000);
      assert.deepEqual(spec.postgres!.extensions, ["vector"]);
    });

    it("seed 004: 5 brokers keep RF 3 and min ISR 2; 2 instance sets × 3; 3 pgBouncers; a second repository", () => {
      const spec = specOf({
        profile: "prod",
        kafka: { brokers: { replicas: 5 } },
        postgres: { instances: [{ name: "one", replicas: 3 }, { name: "two", replicas: 3 }], pgBouncer: { replicas: 3 }, backups: { secondRepository: { region: "us-west-2" } } },
      });
      assert.deepEqual([spec.kafka!.replicationFactor, spec.kafka!.minInSyncReplicas], [3, 2]);
      assert.equal(spec.postgres!.instances.length, 2);
      assert.deepEqual(spec.postgres!.backups.repositories.map((r) => [r.name, r.region, r.retentionDays]), [["repo1", undefined, 14], ["repo2", "us-west-2", 365]]);
    });

    it("given pgBackRest schedules replace the default ones: the PostgresCluster's first repository has exactly them", async () => {
      const given = { full: "0 1 * * *", incremental: "0 */6 * * *" };
      const run = await runValidConfig({ profile: "dev", layers: [uses("postgres")], postgres: { backups: { schedules: given } } });
      const cluster = unwrapSecrets(objectsOfKind<any>(dataObjects(run, "postgres"), "PostgresCluster")[0]) as any;
      assert.deepEqual(cluster.spec.backups.pgbackrest.repos[0].schedules, given);
      // Without schedules in config, the defaults (all three kinds) stay.
      assert.deepEqual(Object.keys(specOf({ profile: "dev", layers: [uses("postgres")] }).postgres!.backups.repositories[0].schedules).sort(), ["differential", "full", "incremental"]);
    });

    it("custom layers without topics get none; an existing cluster's volumes use its default StorageClass", () => {
      const result = validateStackConfig(asStackConfig({ profile: "dev", layers: [kafkaUser()] }));
      assert.ok(result.ok);
      assert.deepEqual(result.spec.kafka!.topics, []);
      assert.equal(result.spec.kafka!.brokers.storage.storageClass, "gp3-encrypted");
      const existing = specOf({ profile: "dev", cluster: EXISTING, ...EXISTING_SERVICES, layers: [kafkaUser()] });
      assert.equal(existing.kafka!.brokers.storage.storageClass, undefined);
    });
  });
});
