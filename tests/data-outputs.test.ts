import { strict as assert } from "node:assert";
import { stackSpec } from "./graph-support";
import { objectsOfKind, stackRun, STACKS } from "./harness";
import { dataObjects, dataResources } from "./data-support";

/** The data layers' stack outputs: present, consistent with the objects registered, secret where they must be. */

describe("data layers: stack outputs", () => {
  for (const stack of STACKS) {
    it(`${stack}: kafka: the TLS bootstrap address of the Kafka's listener, the CA secret, one user secret per Kafka-using layer, the topics`, async () => {
      const run = await stackRun(stack);
      const out = run.outputs.kafka as any;
      assert.deepEqual(Object.keys(out).sort(), ["bootstrapServers", "clusterCaSecretName", "namespace", "topics", "userSecretNames"]);
      const objects = dataObjects(run, "kafka");
      const [kafka] = objectsOfKind(objects, "Kafka") as any[];
      const tls = kafka.spec.kafka.listeners.find((l: any) => l.tls && l.authentication?.type === "tls");
      assert.equal(out.bootstrapServers, `${kafka.metadata.name}-kafka-bootstrap.${kafka.metadata.namespace}.svc:${tls.port}`);
      assert.equal(out.clusterCaSecretName, `${kafka.metadata.name}-cluster-ca-cert`);
      assert.equal(out.namespace, kafka.metadata.namespace);
      const users = stackSpec(stack).layers.filter((l) => l.dataServices.kafka).map((l) => l.name).sort();
      assert.deepEqual(Object.keys(out.userSecretNames).sort(), users);
      // The User Operator names each user's Secret after the KafkaUser.
      const kafkaUsers = objectsOfKind(objects, "KafkaUser").map((u) => u.metadata.name).sort();
      assert.deepEqual(Object.values(out.userSecretNames).sort(), kafkaUsers);
      assert.deepEqual([...out.topics].sort(), objectsOfKind(objects, "KafkaTopic").map((t: any) => t.spec.topicName).sort());
      assert.equal(out.topics.length, stackSpec(stack).kafka!.topics.length);
    });

    it(`${stack}: postgres: primary and pgBouncer hosts, port, per-layer database and credentials secret, backups`, async () => {
      const run = await stackRun(stack);
      const out = run.outputs.postgres as any;
      assert.deepEqual(Object.keys(out).sort(), ["backups", "namespace", "pgBouncerHost", "port", "primaryHost", "users"]);
      const [pg] = objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster") as any[];
      const { name, namespace } = pg.metadata;
      assert.equal(out.primaryHost, `${name}-primary.${namespace}.svc`);
      assert.equal(out.pgBouncerHost, `${name}-pgbouncer.${namespace}.svc`);
      assert.equal(out.port, 5432);
      const expected = Object.fromEntries(pg.spec.users.map((u: any) => [u.name, { database: u.databases[0], secretName: `${name}-pguser-${u.name}` }]));
      assert.deepEqual(out.users, expected);
      assert.deepEqual(Object.keys(out.users).sort(), stackSpec(stack).layers.filter((l) => l.dataServices.postgres).map((l) => l.name).sort());
      assert.equal(out.backups.roleArn, pg.spec.metadata.annotations["eks.amazonaws.com/role-arn"]);
      assert.deepEqual(out.backups.repositories.map((r: any) => r.bucket), pg.spec.backups.pgbackrest.repos.map((r: any) => r.s3.bucket));
    });

    it(`${stack}: redis: host and port of the leaders' Service, the password Secret's name, and the password, secret`, async () => {
      const run = await stackRun(stack);
      const out = run.outputs.redis as any;
      assert.deepEqual(Object.keys(out).sort(), ["host", "namespace", "password", "passwordSecretName", "port"]);
      const [redis] = objectsOfKind(dataObjects(run, "redis"), "RedisCluster") as any[];
      assert.equal(out.host, `${redis.metadata.name}-leader.${redis.metadata.namespace}.svc`);
      assert.equal(out.port, redis.spec.port);
      assert.equal(out.passwordSecretName, redis.spec.kubernetesConfig.redisSecret.name);
      assert.equal(out.password, "[secret]");
      assert.ok(run.secretOutputs.includes("redis.password"));
      // Nothing else of the data layers is secret: names and addresses are not credentials.
      assert.deepEqual(run.secretOutputs.filter((p) => /^(kafka|postgres|redis)\./.test(p)), ["redis.password"]);
      const secret = dataResources(run, "redis").find((r) => r.type === "kubernetes:core/v1:Secret")!;
      assert.equal((secret.inputs as any).metadata.name, out.passwordSecretName);
    });
  }
});
