import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { formatSchemaError, SchemaValidator } from "../validation";
import { DATA_CR_KINDS, DATA_LAYER_NAMES, dataObjects } from "./data-support";
import { kubernetesObjects, runValidConfig, stackRun, STACKS, testLayer } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * Every object the data layers register — their custom resources above all — through the project's one
 * schema validator (validation/): core kinds against Kubernetes' OpenAPI, custom resources against the
 * upstream CRDs in ../shared/crds, JSON schema and CEL rules (`x-kubernetes-validations`) both.
 */

let validator: SchemaValidator;

function errors(objects: KubernetesObject[]): string[] {
  return validator.validate(objects).schemaErrors.map(formatSchemaError);
}

function one(objects: KubernetesObject[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  assert.ok(found.length > 0, `no ${kind}`);
  return structuredClone(found[0]);
}

describe("data layers: every object against the real schemas (CRDs with their CEL rules)", function () {
  before(function () {
    requireSharedCrds(this);
    validator = new SchemaValidator({ crds: [SHARED_CRDS] });
  });

  for (const stack of STACKS) {
    it(`${stack}: every data-layer object validates, every Kafka/KafkaNodePool/KafkaTopic/KafkaUser/PostgresCluster/RedisCluster against its CRD`, async () => {
      const run = await stackRun(stack);
      const objects = DATA_LAYER_NAMES.flatMap((layer) => dataObjects(run, layer));
      assert.deepEqual([...new Set(objects.filter((o) => DATA_CR_KINDS.includes(o.kind)).map((o) => o.kind))].sort(), [...DATA_CR_KINDS].sort());
      const result = validator.validate(objects);
      assert.deepEqual(result.schemaErrors.map(formatSchemaError), []);
      assert.deepEqual(result.unvalidated, [], "custom resources left unvalidated");
      assert.equal(result.validated, objects.length);
    });
  }

  it("a seed-004 shaped config (5 brokers, two instance sets of 3, three pgBouncers, a second repository, AOF off) validates too", async () => {
    const run = await runValidConfig({
      profile: "prod",
      layers: [testLayer("api", { dataServices: { kafka: { read: ["events*"], write: ["events.in"] }, postgres: { database: "acgs" }, redis: {} } })],
      kafka: { brokers: { replicas: 5 }, replicationFactor: 3, minInSyncReplicas: 2, topics: [{ name: "events.in", partitions: 12, cleanupPolicy: "compact", config: { "max.message.bytes": 1048576 } }] },
      postgres: {
        version: 17,
        instances: [{ name: "instance1", replicas: 3 }, { name: "instance2", replicas: 3, storageSize: "1Ti" }],
        pgBouncer: { replicas: 3 },
        extensions: ["vector", "pg_stat_statements"],
        backups: { secondRepository: { region: "us-west-2" } },
      },
      redis: { leaders: 3, followers: 3, appendOnly: false },
    });
    assert.deepEqual(errors(kubernetesObjects(run.resources)), []);
  });

  it("the CRDs' CEL rules apply to the data layers' own objects: each rule they come near fails when its field is broken", async () => {
    const objects = kubernetesObjects((await stackRun("prod")).resources);
    const broken: [string, (o: any) => void, string, RegExp][] = [
      ["Kafka", (o) => (o.spec.kafka.rack.topologyKey = ""), "/spec/kafka/rack", /topologyKey property is required/],
      ["Kafka", (o) => (o.spec.kafka.metricsConfig = { type: "jmxPrometheusExporter" }), "/spec/kafka/metricsConfig", /valueFrom property is required/],
      ["KafkaUser", (o) => (o.spec.authentication.validityDays = 30), "/spec/authentication", /must be set together/],
      // Synchronous replication goes through Patroni: PGO's rule rejects it in the parameters.
      ["PostgresCluster", (o) => (o.spec.config = { parameters: { synchronous_standby_names: "ANY 1 (*)" } }), "/spec/config/parameters", /!has\(self\.synchronous_standby_names\)/],
      ["PostgresCluster", (o) => (o.spec.instances[0].dataVolumeClaimSpec.accessModes = []), "/spec/instances/0/dataVolumeClaimSpec", /missing accessModes/],
      ["PostgresCluster", (o) => (o.spec.users[0].options += " PASSWORD 'x'"), "/spec/users/0/options", /cannot assign password/],
    ];
    for (const [kind, breakIt, path, message] of broken) {
      const object = one(objects, kind);
      assert.deepEqual(errors([object]), [], `${kind} as the stack makes it`);
      breakIt(object);
      const found = validator.validate([object]).schemaErrors;
      assert.equal(found.length, 1, `${kind} ${path}: ${found.map(formatSchemaError).join("; ")}`);
      assert.equal(found[0].path, path);
      assert.match(found[0].message, message);
    }
  });

  it("a typo, a wrong type and an API version Strimzi 1.2 no longer serves are rejected in the data layers' own objects", async () => {
    const objects = kubernetesObjects((await stackRun("dev")).resources);
    const topic = one(objects, "KafkaTopic");
    topic.spec.partitons = topic.spec.partitions;
    assert.match(errors([topic]).join("\n"), /\/spec\/partitons: unknown field/);
    const redis = one(objects, "RedisCluster");
    redis.spec.clusterSize = "3";
    assert.match(errors([redis]).join("\n"), /\/spec\/clusterSize/);
    const user = one(objects, "KafkaUser");
    user.apiVersion = "kafka.strimzi.io/v1beta2";
    assert.equal(errors([user]).length, 1);
  });
});
