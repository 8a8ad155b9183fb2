import { strict as assert } from "node:assert";
import { describeObject } from "./graph-support";
import { kubernetesObjects, runValidConfig, stackRun, STACKS, testLayer, unwrapSecrets } from "./harness";
import { crdsUnavailable, servedKinds, validateCustomResource } from "./crd-schema";
import { DATA_CR_KINDS } from "./data-support";
import type { KubernetesObject } from "../layers/kubernetes-object";

/** Every custom resource the stacks produce, against the upstream CRD schema of its served version. */

function customResources(objects: KubernetesObject[]): KubernetesObject[] {
  return objects.filter((o) => DATA_CR_KINDS.includes(o.kind)).map((o) => unwrapSecrets(o) as KubernetesObject);
}

function failures(objects: KubernetesObject[]): string[] {
  return objects.flatMap((o) => validateCustomResource(o).map((e) => `${describeObject(o)}: ${e}`));
}

describe("data layers: custom resources against the upstream CRDs", function () {
  const reason = crdsUnavailable();
  before(function () {
    if (reason) {
      console.warn(`\n    SKIPPED: ${reason}\n`);
      this.skip();
    }
  });

  it("the check is real: the served versions are known, and a typo, a wrong type, an old API version and a missing field are rejected", () => {
    const kinds = servedKinds();
    for (const k of ["kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool", "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io/v1/KafkaUser", "postgres-operator.crunchydata.com/v1beta1/PostgresCluster", "redis.redis.opstreelabs.in/v1beta2/RedisCluster"]) {
      assert.ok(kinds.includes(k), `${k} is not served`);
    }
    const topic = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", metadata: { name: "t" }, spec: { partitons: 3 } } as KubernetesObject;
    assert.match(validateCustomResource(topic).join(), /additional properties \(partitons\)/);
    assert.match(validateCustomResource({ ...topic, spec: { partitions: "3" } }).join(), /partitions must be integer/);
    assert.match(validateCustomResource({ ...topic, apiVersion: "kafka.strimzi.io/v1beta2" }).join(), /no served CRD version/);
    assert.match(validateCustomResource({ apiVersion: "redis.redis.opstreelabs.in/v1beta2", kind: "RedisCluster", metadata: { name: "r" }, spec: { clusterSize: 3 } }).join(), /kubernetesConfig/);
  });

  for (const stack of STACKS) {
    it(`${stack}: every Kafka, KafkaNodePool, KafkaTopic, KafkaUser, PostgresCluster and RedisCluster validates`, async () => {
      const run = await stackRun(stack);
      const crs = customResources(kubernetesObjects(run.resources));
      assert.deepEqual([...new Set(crs.map((o) => o.kind))].sort(), [...DATA_CR_KINDS].sort());
      assert.deepEqual(failures(crs), []);
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
    assert.deepEqual(failures(customResources(kubernetesObjects(run.resources))), []);
  });
});
