import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { kafkaDesiredState } from "../capabilities/kafka/desired-state";
import { objectKey } from "../manifests/kubernetes-object";
import { redisDesiredState } from "../capabilities/redis/desired-state";
import { nodePools } from "../platform/placement";
import { imagePinProblem } from "../platform/image-reference";
import type { SucceededRun } from "../offline/run";
import { assertOk, EXISTING, EXISTING_DATA, EXISTING_LAYERS, inputs, isAwsResource, ofType, policy, roleArn, T } from "./cluster-support";
import { stackSpec } from "./graph-support";
import { objectsOfKind, runValidConfig, runWithConfig, stackRun, STACKS, testLayer, unwrapSecrets } from "./harness";
import { DATA_LAYER_NAMES, dataObjects, dataResources, releaseOf } from "./data-support";

/** What each data service's objects say: Kafka's security and ACLs, Postgres's HA and backups, Redis's images and password. */

function only<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, `expected one ${what}, found ${items.length}`);
  return items[0];
}

describe("data layers: the services", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: the Kafka and Redis layers register exactly their desired state (prerequisites, custom resources, mesh objects)`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        const kafkaPlan = kafkaDesiredState(spec.kafka!, spec);
        const redisPlan = redisDesiredState(spec.redis!, spec);
        const keys = (layer: "kafka" | "redis") => dataObjects(run, layer).filter((o) => o.kind !== "Secret").map(objectKey).sort();
        assert.deepEqual(keys("kafka"), [...kafkaPlan.prerequisites, ...kafkaPlan.customResources, ...kafkaPlan.meshObjects].map(objectKey).sort());
        assert.deepEqual(keys("redis"), [...redisPlan.prerequisites, ...redisPlan.customResources, ...redisPlan.meshObjects].map(objectKey).sort());
        const registered = objectsOfKind(dataObjects(run, "kafka"), "Kafka")[0];
        assert.deepEqual(registered.spec, kafkaPlan.customResources.find((o) => o.kind === "Kafka")!.spec);
      });

      it(`${stack}: operators run on the system pool with resources set`, async () => {
        const run = await stackRun(stack);
        for (const layer of DATA_LAYER_NAMES) {
          const values = (releaseOf(run, layer).inputs as any).values;
          const terms = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
          assert.deepEqual(terms[0].matchExpressions[0].values, ["system"], layer);
          assert.ok(values.tolerations.some((t: any) => t.value === "system" && t.key === nodePools.system.taints[0].key), `${layer}: does not tolerate the system taint`);
          if (values.nodeSelector) assert.deepEqual(values.nodeSelector, nodePools.system.nodeLabels, layer);
          const resources = values.resources.controller ?? values.resources;
          assert.ok(resources.requests.cpu && resources.requests.memory && resources.limits.memory, `${layer}: resources`);
        }
        const strimzi = (releaseOf(run, "kafka").inputs as any).values;
        assert.deepEqual(strimzi.watchNamespaces, ["kafka"]);
        assert.equal(strimzi.generateNetworkPolicy, false, "Strata's policies are the one definition of Kafka's network rules");
        assert.deepEqual(strimzi.extraEnvs, [{ name: "STRIMZI_POD_SECURITY_PROVIDER_CLASS", value: "restricted" }]);
        const redis = (releaseOf(run, "redis").inputs as any).values;
        assert.equal(redis.redisOperator.watchNamespace, "redis");
        for (const values of [strimzi, redis]) {
          assert.equal(values.securityContext.allowPrivilegeEscalation, false);
          assert.deepEqual(values.securityContext.capabilities, { drop: ["ALL"] });
          assert.equal(values.securityContext.runAsNonRoot, true);
        }
      });

      it(`${stack}: Kafka: KRaft pools (controllers, brokers), one mTLS listener, simple authorization, replication from the spec, no auto-created topics`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack).kafka!;
        const objects = dataObjects(run, "kafka");
        const kafka = only(objectsOfKind(objects, "Kafka"), "Kafka") as any;
        assert.deepEqual(kafka.spec.kafka.listeners, [{ name: "tls", port: 9093, type: "internal", tls: true, authentication: { type: "tls" } }]);
        assert.deepEqual(kafka.spec.kafka.authorization, { type: "simple" });
        assert.equal(kafka.spec.zookeeper, undefined);
        const config = kafka.spec.kafka.config;
        assert.equal(config["default.replication.factor"], spec.replicationFactor);
        assert.equal(config["min.insync.replicas"], spec.minInSyncReplicas);
        assert.equal(config["offsets.topic.replication.factor"], spec.replicationFactor);
        assert.equal(config["transaction.state.log.min.isr"], spec.minInSyncReplicas);
        assert.equal(config["auto.create.topics.enable"], false);
        assert.equal(kafka.spec.kafka.rack.topologyKey, "topology.kubernetes.io/zone");
        assert.ok(kafka.spec.kafka.metricsConfig);
        const pools = objectsOfKind(objects, "KafkaNodePool") as any[];
        assert.deepEqual(pools.map((p) => [p.spec.roles, p.spec.replicas]).sort(), [[["broker"], spec.brokers.replicas], [["controller"], spec.controllers.replicas]].sort());
        for (const p of pools) {
          assert.equal(p.metadata.labels["strimzi.io/cluster"], kafka.metadata.name);
          assert.equal(p.spec.storage.volumes[0].deleteClaim, stack === "dev");
        }
      });

      it(`${stack}: Kafka users: one per Kafka-using layer, mTLS, ACLs for exactly the topics it reads (Read) and writes (Write)`, async () => {
        const run = await stackRun(stack);
        const users = objectsOfKind(dataObjects(run, "kafka"), "KafkaUser") as any[];
        const layers = stackSpec(stack).layers.filter((l) => l.dataServices.kafka);
        assert.deepEqual(users.map((u) => u.metadata.name).sort(), layers.map((l) => l.name).sort());
        for (const layer of layers) {
          const user = users.find((u) => u.metadata.name === layer.name);
          assert.deepEqual(user.spec.authentication, { type: "tls" });
          const topicAcls = user.spec.authorization.acls.filter((a: any) => a.resource.type === "topic");
          const expected = [
            ...layer.dataServices.kafka!.read.map((r) => `${r}:Read`),
            ...layer.dataServices.kafka!.write.map((w) => `${w}:Write`),
          ].sort();
          const actual = topicAcls.map((a: any) => `${a.resource.name}${a.resource.patternType === "prefix" ? "*" : ""}:${a.operations.filter((o: string) => o !== "Describe").join("+")}`).sort();
          assert.deepEqual(actual, expected, layer.name);
          for (const acl of user.spec.authorization.acls) {
            assert.equal(acl.type, "allow");
            for (const op of acl.operations) assert.ok(["Describe", "Read", "Write"].includes(op), `${layer.name}: ${op}`);
          }
        }
      });

      it(`${stack}: Postgres: version, instances, Patroni synchronous mode in prod only (never via config.parameters), pgBouncer, exporter, a user per layer with a schema of its own (Postgres 15+ lets no one create in public)`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        const pg = only(objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster"), "PostgresCluster") as any;
        assert.equal(pg.spec.postgresVersion, spec.postgres!.version);
        assert.deepEqual(pg.spec.instances.map((i: any) => i.replicas), spec.postgres!.instances.map((i) => i.replicas));
        assert.equal(pg.spec.config?.parameters?.synchronous_standby_names, undefined);
        if (stack === "prod") {
          assert.equal(pg.spec.patroni.dynamicConfiguration.synchronous_mode, true);
          assert.ok(pg.spec.instances.reduce((n: number, i: any) => n + i.replicas, 0) >= 3);
          assert.ok(pg.spec.proxy.pgBouncer.replicas >= 2);
        } else {
          assert.equal(pg.spec.patroni, undefined);
        }
        assert.ok(pg.spec.monitoring.pgmonitor.exporter);
        assert.deepEqual(pg.spec.users.map((u: any) => u.name).sort(), spec.layers.filter((l) => l.dataServices.postgres).map((l) => l.name).sort());
        for (const u of pg.spec.users) assert.match(u.options, /NOSUPERUSER/);
        assert.equal(pg.metadata.annotations["postgres-operator.crunchydata.com/autoCreateUserSchema"], "true");
        const sql = only(objectsOfKind(dataObjects(run, "postgres"), "ConfigMap"), "init SQL ConfigMap") as any;
        assert.deepEqual(pg.spec.databaseInitSQL, { name: sql.metadata.name, key: "init.sql" });
        for (const u of pg.spec.users) assert.ok(sql.data["init.sql"].includes(`\\c "${u.databases[0]}"\nCREATE EXTENSION IF NOT EXISTS "vector";`), u.name);
      });

      it(`${stack}: Postgres backups: pgBackRest to the cluster's postgres bucket by web identity, schedules and retention, with an IRSA role only PGO's accounts in the postgres namespace can assume`, async () => {
        const run = await stackRun(stack);
        const pg = unwrapSecrets(only(objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster"), "PostgresCluster")) as any;
        const backrest = pg.spec.backups.pgbackrest;
        assert.equal(backrest.global["repo1-s3-key-type"], "web-id");
        assert.equal(backrest.global["repo1-retention-full-type"], "time");
        const [repo] = backrest.repos;
        assert.equal(repo.s3.bucket, (run.outputs.cluster as any).buckets.postgres);
        assert.equal(repo.s3.region, "eu-west-1");
        assert.equal(repo.s3.endpoint, "s3.eu-west-1.amazonaws.com");
        assert.equal(repo.schedules.incremental, "0 */6 * * *", "6-hourly or better");
        const role = only(ofType(run, T.role).filter((r) => r.name.includes("pgbackrest")), "pgBackRest role");
        const arn = pg.spec.metadata.annotations["eks.amazonaws.com/role-arn"];
        assert.equal(arn, roleArn(role), "the service accounts' annotation names the pgBackRest role");
        const trust = policy(inputs(role).assumeRolePolicy).Statement[0];
        const condition = trust.Condition.StringEquals;
        const sub = Object.entries(condition).find(([k]) => k.endsWith(":sub"))![1];
        assert.deepEqual(sub, ["instance", "pgbackrest", "repohost"].map((s) => `system:serviceaccount:postgres:${pg.metadata.name}-${s}`));
        const permissions = policy(inputs(only(ofType(run, T.rolePolicy).filter((p) => p.parent === role.parent), "role policy")).policy);
        const bucketArn = `arn:aws:s3:::${repo.s3.bucket}`;
        for (const s of permissions.Statement) {
          assert.equal(s.Effect, "Allow");
          if (s.Resource === "*") assert.deepEqual(s.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"], [bucketArn], "KMS use is scoped to the bucket");
          else for (const r of [s.Resource].flat()) assert.ok(r === bucketArn || r === `${bucketArn}/*`, `${s.Sid}: ${r}`);
        }
      });

      it(`${stack}: Redis: leaders and followers, pinned non-latest images, non-root, AOF, the exporter, the password from a generated Secret`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack).redis!;
        const objects = dataObjects(run, "redis");
        const redis = only(objectsOfKind(objects, "RedisCluster"), "RedisCluster") as any;
        assert.equal(redis.spec.clusterSize, spec.leaders);
        assert.equal(redis.spec.redisLeader.replicas, spec.leaders);
        assert.equal(redis.spec.redisFollower.replicas, spec.followers);
        if (stack === "prod") assert.ok(redis.spec.redisFollower.replicas >= redis.spec.redisLeader.replicas);
        for (const image of [redis.spec.kubernetesConfig.image, redis.spec.redisExporter.image]) {
          assert.equal(imagePinProblem(image), undefined, image);
          assert.ok(!image.endsWith(":latest"));
        }
        assert.equal(redis.spec.redisExporter.enabled, true);
        assert.equal(redis.spec.podSecurityContext.runAsNonRoot, true);
        assert.ok(redis.spec.podSecurityContext.runAsUser > 0);
        for (const role of ["redisLeader", "redisFollower"]) {
          assert.equal(redis.spec[role].securityContext.allowPrivilegeEscalation, false);
          assert.deepEqual(redis.spec[role].securityContext.capabilities, { drop: ["ALL"] });
        }
        assert.equal(redis.spec.persistenceEnabled, true);
        assert.equal(redis.spec.storage.nodeConfVolume, true);
        const config = only(objectsOfKind(objects, "ConfigMap"), "Redis ConfigMap") as any;
        assert.equal(redis.spec.redisLeader.redisConfig.additionalRedisConfig, config.metadata.name);
        assert.match(Object.values(config.data).join(), /appendonly yes/);
        // The password: a RandomPassword, into a Secret whose value is registered as a Pulumi secret.
        const password = only(dataResources(run, "redis").filter((r) => r.type === "random:index/randomPassword:RandomPassword"), "RandomPassword");
        const secret = only(dataResources(run, "redis").filter((r) => r.type === "kubernetes:core/v1:Secret"), "password Secret");
        const isSecret = (v: any) => v && typeof v === "object" && v[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
        const stringData = (secret.inputs as any).stringData;
        assert.ok(isSecret(stringData) || isSecret(stringData?.[redis.spec.kubernetesConfig.redisSecret.key]), "the password is not registered as a secret");
        assert.ok(secret.dependsOn.includes(password.urn), "the Secret is not made from the RandomPassword");
      });
    });
  }

  it("a second backup repository in another region: a hardened bucket, KMS key and AWS provider of that region, in the role's policy", async () => {
    const run = await runValidConfig({ profile: "prod", postgres: { backups: { secondRepository: { region: "us-west-2" } } } });
    const pg = unwrapSecrets(objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster")[0]) as any;
    const repo2 = pg.spec.backups.pgbackrest.repos.find((r: any) => r.name === "repo2");
    assert.equal(repo2.s3.region, "us-west-2");
    assert.equal(repo2.s3.endpoint, "s3.us-west-2.amazonaws.com");
    assert.equal(pg.spec.backups.pgbackrest.global["repo2-retention-full"], "365");
    const bucket = only(ofType(run, T.bucket).filter((b) => b.name === "postgres-repo2"), "repo2 bucket");
    const provider = only(ofType(run, "pulumi:providers:aws").filter((p) => p.name === "postgres-repo2"), "repo2 AWS provider");
    assert.equal(inputs(provider).region, "us-west-2");
    assert.ok(bucket.provider?.startsWith(`${provider.urn}::`), "the bucket is not created in the repository's region");
    assert.equal(run.resources.find((r) => r.urn === bucket.parent)?.type, "strata:cluster:Bucket", "not made by the bucket helper");
    const rolePolicy = only(ofType(run, T.rolePolicy).filter((p) => p.name.includes("pgbackrest")), "pgBackRest policy");
    assert.ok(JSON.stringify(policy(inputs(rolePolicy).policy)).includes(`arn:aws:s3:::${repo2.s3.bucket}`));
  });

  it("an existing cluster: the configured pgBackRest role and region, the configured bucket, no AWS resource", async () => {
    const run: SucceededRun = assertOk(await runWithConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS }));
    assert.deepEqual(run.resources.filter(isAwsResource).map((r) => r.urn), []);
    const pg = objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster")[0] as any;
    assert.equal(pg.spec.metadata.annotations["eks.amazonaws.com/role-arn"], EXISTING_DATA.postgres.backups.roleArn);
    assert.deepEqual(pg.spec.backups.pgbackrest.repos[0].s3, { bucket: EXISTING.buckets.postgres, region: "eu-west-1", endpoint: "s3.eu-west-1.amazonaws.com" });
    // Volumes use the cluster's own default StorageClass.
    const broker = objectsOfKind(dataObjects(run, "kafka"), "KafkaNodePool")[0] as any;
    assert.equal(broker.spec.storage.volumes[0].class, undefined);
  });

  it("topic names Kubernetes cannot take (upper case, '_', case-only differences) get distinct object names; spec.topicName keeps the real one", async () => {
    const run = await runValidConfig({ profile: "dev", layers: [testLayer("a", { dataServices: { kafka: { read: ["Events_A", "events_a"] } } })], kafka: { topics: [{ name: "Events_A" }, { name: "events_a" }] } });
    const topics = objectsOfKind(dataObjects(run, "kafka"), "KafkaTopic") as any[];
    assert.deepEqual(topics.map((t) => t.spec.topicName).sort(), ["Events_A", "events_a"]);
    assert.equal(new Set(topics.map((t) => t.metadata.name)).size, 2);
    for (const t of topics) assert.match(t.metadata.name, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
  });
});
