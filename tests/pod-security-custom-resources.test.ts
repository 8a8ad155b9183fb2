import { strict as assert } from "node:assert";
import { objectSubject } from "../policies/engine/subject";
import { evaluatePodSecurity, POD_SPEC_EXTRACTORS, type KubernetesObjectLike } from "../policies/pod-security";
import { supplyChainContainerResources } from "../policies/supply-chain/container-resources";

/**
 * The pods operators make from Strata's custom resources, as the policy pack sees them (extractors in
 * policies/pod-security/custom-resources/): for each kind, a compliant resource and violating ones with the
 * exact messages of the Pod Security rules (restricted) and of the container-resources rule.
 */

const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const RESOURCES = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };

/** "rule: message" for every finding of both families. */
function findings(object: KubernetesObjectLike): string[] {
  const podSecurity = evaluatePodSecurity(object, { level: "restricted", version: "latest" }).map((v) => `${v.rule}: ${v.message}`);
  const resources = supplyChainContainerResources.checkSubject(objectSubject(object as any), { exemptions: [] }).map((m) => `${supplyChainContainerResources.name}: ${m}`);
  return [...podSecurity, ...resources];
}

function sitesOf(object: KubernetesObjectLike): string[] {
  return POD_SPEC_EXTRACTORS.podSpecsOf(object).map((s) => `${s.path}: ${[...(s.spec.initContainers ?? []), ...(s.spec.containers ?? [])].map((c) => c.name).join(",")}`);
}

// ---------------------------------------------------------------------------------------------------------
// Strimzi

function nodePool(template: Record<string, unknown>, resources: unknown = RESOURCES): KubernetesObjectLike {
  return {
    apiVersion: "kafka.strimzi.io/v1",
    kind: "KafkaNodePool",
    metadata: { name: "brokers", namespace: "kafka" },
    spec: { replicas: 3, roles: ["broker"], storage: { type: "jbod", volumes: [{ id: 0, type: "persistent-claim", size: "10Gi" }] }, ...(resources ? { resources } : {}), template },
  };
}

function kafka(spec: Record<string, unknown>): KubernetesObjectLike {
  return { apiVersion: "kafka.strimzi.io/v1", kind: "Kafka", metadata: { name: "strata", namespace: "kafka" }, spec: { kafka: { listeners: [] }, ...spec } };
}

const restrictedNodePoolTemplate = {
  pod: { securityContext: RESTRICTED_POD },
  kafkaContainer: { securityContext: RESTRICTED_CONTAINER },
  initContainer: { securityContext: RESTRICTED_CONTAINER },
};

const entityOperator = (template: Record<string, unknown>) => ({
  topicOperator: { resources: RESOURCES },
  userOperator: { resources: RESOURCES },
  template,
});

// ---------------------------------------------------------------------------------------------------------
// PGO

function postgresCluster(patch: (spec: any) => void = () => {}): KubernetesObjectLike {
  const spec: any = {
    postgresVersion: 18,
    instances: [{ name: "pgha1", replicas: 3, resources: RESOURCES, sidecars: { replicaCertCopy: { resources: RESOURCES } }, dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }],
    backups: {
      pgbackrest: {
        repos: [{ name: "repo1", s3: { bucket: "b", region: "eu-west-1", endpoint: "s3.eu-west-1.amazonaws.com" } }],
        jobs: { resources: RESOURCES },
        sidecars: { pgbackrest: { resources: RESOURCES }, pgbackrestConfig: { resources: RESOURCES } },
      },
    },
    proxy: { pgBouncer: { replicas: 2, resources: RESOURCES, sidecars: { pgbouncerConfig: { resources: RESOURCES } } } },
    monitoring: { pgmonitor: { exporter: { resources: RESOURCES } } },
  };
  patch(spec);
  return { apiVersion: "postgres-operator.crunchydata.com/v1beta1", kind: "PostgresCluster", metadata: { name: "strata", namespace: "postgres" }, spec };
}

// ---------------------------------------------------------------------------------------------------------
// OpsTree

function redisCluster(patch: (spec: any) => void = () => {}): KubernetesObjectLike {
  const container = { ...RESTRICTED_CONTAINER, runAsUser: 1000 };
  const spec: any = {
    clusterSize: 3,
    podSecurityContext: { ...RESTRICTED_POD, runAsUser: 1000, fsGroup: 1000 },
    kubernetesConfig: { image: "quay.io/opstree/redis:v7.0.15", resources: RESOURCES },
    redisExporter: { enabled: true, image: "quay.io/opstree/redis-exporter:v1.44.0", resources: RESOURCES, securityContext: container },
    redisLeader: { replicas: 3, securityContext: container },
    redisFollower: { replicas: 3, securityContext: container },
  };
  patch(spec);
  return { apiVersion: "redis.redis.opstreelabs.in/v1beta2", kind: "RedisCluster", metadata: { name: "strata", namespace: "redis" }, spec };
}

describe("Pod Security and container resources inside custom resources", () => {
  describe("Strimzi KafkaNodePool", () => {
    it("models the node's pod: container kafka, and kafka-init when the template declares it", () => {
      assert.deepEqual(sitesOf(nodePool(restrictedNodePoolTemplate)), ["spec.template: kafka-init,kafka"]);
      assert.deepEqual(sitesOf(nodePool({})), ["spec.template: kafka"]);
    });

    it("passes a pool whose templates state the restricted contexts and whose resources are set", () => {
      assert.deepEqual(findings(nodePool(restrictedNodePoolTemplate)), []);
    });

    it("flags a pool that leaves its containers to the operator, a privileged init container, a hostPath volume, an unconfined AppArmor annotation and no resources", () => {
      const template = {
        pod: {
          metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/kafka": "unconfined" } },
          securityContext: RESTRICTED_POD,
          volumes: [{ name: "host", hostPath: { path: "/var/run" } }],
        },
        initContainer: { securityContext: { ...RESTRICTED_CONTAINER, privileged: true } },
      };
      assert.deepEqual(findings(nodePool(template, null)), [
        'pss-privileged: init container "kafka-init" must not set securityContext.privileged=true',
        'pss-host-path-volumes: volume "host" must not be a hostPath volume',
        'pss-app-armor-profile: annotation container.apparmor.security.beta.kubernetes.io/kafka="unconfined" is forbidden (allowed: "runtime/default", "localhost/<profile>")',
        'pss-restricted-volumes: volume "host" must not use the restricted volume type "hostPath" (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)',
        'pss-allow-privilege-escalation: container "kafka" must set securityContext.allowPrivilegeEscalation=false',
        'pss-capabilities-restricted: container "kafka" must set securityContext.capabilities.drop=["ALL"]',
        'supply-chain-container-resources: init container "kafka-init" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
        'supply-chain-container-resources: container "kafka" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
      ]);
    });
  });

  describe("Strimzi Kafka", () => {
    it("models the pods it makes itself: entity operator, Cruise Control, Kafka Exporter (not spec.kafka: node pools make the brokers)", () => {
      assert.deepEqual(sitesOf(kafka({ kafka: { template: { kafkaContainer: { securityContext: { privileged: true } } } } })), []);
      const all = kafka({ entityOperator: entityOperator({}), cruiseControl: {}, kafkaExporter: {} });
      assert.deepEqual(sitesOf(all), ["spec.entityOperator: topic-operator,user-operator", "spec.cruiseControl: cruise-control", "spec.kafkaExporter: kafka-exporter"]);
      assert.deepEqual(sitesOf(kafka({ entityOperator: { userOperator: {} } })), ["spec.entityOperator: user-operator"]);
    });

    it("passes an entity operator whose container templates state the restricted contexts", () => {
      const template = { pod: { securityContext: RESTRICTED_POD }, topicOperatorContainer: { securityContext: RESTRICTED_CONTAINER }, userOperatorContainer: { securityContext: RESTRICTED_CONTAINER } };
      assert.deepEqual(findings(kafka({ entityOperator: entityOperator(template) })), []);
    });

    it("flags each pod by its place: an entity operator left to the operator's provider, a Cruise Control container adding a capability, an exporter without resources", () => {
      const object = kafka({
        entityOperator: entityOperator({ pod: { securityContext: RESTRICTED_POD }, userOperatorContainer: { securityContext: RESTRICTED_CONTAINER } }),
        cruiseControl: { resources: RESOURCES, template: { pod: { securityContext: RESTRICTED_POD }, cruiseControlContainer: { securityContext: { ...RESTRICTED_CONTAINER, capabilities: { drop: ["ALL"], add: ["NET_RAW"] } } } } },
        kafkaExporter: { template: { pod: { securityContext: RESTRICTED_POD }, container: { securityContext: RESTRICTED_CONTAINER } } },
      });
      assert.deepEqual(findings(object), [
        'pss-allow-privilege-escalation: spec.entityOperator: container "topic-operator" must set securityContext.allowPrivilegeEscalation=false',
        'pss-capabilities-restricted: spec.entityOperator: container "topic-operator" must set securityContext.capabilities.drop=["ALL"]',
        `pss-capabilities-baseline: spec.cruiseControl: container "cruise-control" must not add "NET_RAW" to securityContext.capabilities.add (baseline allows only the runtime's default set)`,
        'pss-capabilities-restricted: spec.cruiseControl: container "cruise-control" must not add "NET_RAW" to securityContext.capabilities.add (only "NET_BIND_SERVICE" is allowed)',
        'supply-chain-container-resources: spec.kafkaExporter: container "kafka-exporter" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
      ]);
    });
  });

  describe("PGO PostgresCluster", () => {
    it("models instances, pgBouncer, backup jobs, and the repository host only for a volume repository", () => {
      assert.deepEqual(sitesOf(postgresCluster()), [
        "spec.instances[0]: postgres-startup,nss-wrapper-init,database,replication-cert-copy,pgbackrest,pgbackrest-config,exporter",
        "spec.proxy.pgBouncer: pgbouncer,pgbouncer-config",
        "spec.backups.pgbackrest.jobs: pgbackrest",
      ]);
      const withVolumeRepo = postgresCluster((spec) => spec.backups.pgbackrest.repos.push({ name: "repo2", volume: { volumeClaimSpec: {} } }));
      assert.equal(sitesOf(withVolumeRepo).at(-1), "spec.backups.pgbackrest.repoHost: pgbackrest,pgbackrest-config");
    });

    it("passes a cluster with every PGO container's resources set (PGO's own security context is restricted)", () => {
      assert.deepEqual(findings(postgresCluster()), []);
    });

    it("flags a declared container that is privileged and unbounded, helpers without resources, and AppArmor disabled in the instance metadata", () => {
      const object = postgresCluster((spec) => {
        spec.instances[0].containers = [{ name: "debug", image: "registry.example.com/debug:1.0", securityContext: { privileged: true } }];
        spec.instances[0].metadata = { annotations: { "container.apparmor.security.beta.kubernetes.io/database": "unconfined" } };
        delete spec.instances[0].sidecars;
        delete spec.proxy.pgBouncer.sidecars;
      });
      assert.deepEqual(findings(object), [
        'pss-privileged: spec.instances[0]: container "debug" must not set securityContext.privileged=true',
        'pss-app-armor-profile: spec.instances[0]: annotation container.apparmor.security.beta.kubernetes.io/database="unconfined" is forbidden (allowed: "runtime/default", "localhost/<profile>")',
        'pss-allow-privilege-escalation: spec.instances[0]: container "debug" must set securityContext.allowPrivilegeEscalation=false',
        'pss-run-as-non-root: spec.instances[0]: pod or container "debug" must set securityContext.runAsNonRoot=true',
        'pss-seccomp-profile-restricted: spec.instances[0]: pod or container "debug" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        'pss-capabilities-restricted: spec.instances[0]: container "debug" must set securityContext.capabilities.drop=["ALL"]',
        'supply-chain-container-resources: spec.instances[0]: container "replication-cert-copy" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
        'supply-chain-container-resources: spec.instances[0]: container "debug" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
        'supply-chain-container-resources: spec.proxy.pgBouncer: container "pgbouncer-config" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
      ]);
    });
  });

  describe("OpsTree RedisCluster", () => {
    it("models a pod per role: the Redis container, the exporter, sidecars and the init container when enabled", () => {
      assert.deepEqual(sitesOf(redisCluster()), ["spec.redisLeader: strata-leader,redis-exporter", "spec.redisFollower: strata-follower,redis-exporter"]);
      const more = redisCluster((spec) => {
        spec.redisExporter.enabled = false;
        spec.sidecars = [{ name: "proxy", image: "registry.example.com/proxy:1.0" }];
        spec.initContainer = { enabled: true, image: "registry.example.com/init:1.0" };
      });
      assert.deepEqual(sitesOf(more), ["spec.redisLeader: init-config,strata-leader,proxy", "spec.redisFollower: init-config,strata-follower,proxy"]);
    });

    it("passes Strata's shape: restricted pod and container contexts, resources from kubernetesConfig", () => {
      assert.deepEqual(findings(redisCluster()), []);
    });

    it("flags host network, a host port, a hostPath volume, a root leader, an exporter without a context, and a follower whose resources are missing everywhere", () => {
      const object = redisCluster((spec) => {
        spec.hostNetwork = true;
        spec.hostPort = 6379;
        spec.storage = { volumeMount: { volume: [{ name: "host", hostPath: { path: "/data" } }], mountPath: [{ name: "host", mountPath: "/host" }] } };
        spec.redisLeader.securityContext = { ...spec.redisLeader.securityContext, runAsUser: 0 };
        delete spec.redisExporter.securityContext;
        delete spec.kubernetesConfig.resources;
        spec.redisLeader.resources = RESOURCES;
      });
      const leader = findings(object).filter((f) => f.includes("spec.redisLeader"));
      assert.deepEqual(leader, [
        "pss-host-namespaces: spec.redisLeader: pod must not set hostNetwork=true",
        'pss-host-path-volumes: spec.redisLeader: volume "host" must not be a hostPath volume',
        'pss-host-ports: spec.redisLeader: container "strata-leader" must not set ports[].hostPort (uses 6379)',
        'pss-restricted-volumes: spec.redisLeader: volume "host" must not use the restricted volume type "hostPath" (allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret)',
        'pss-allow-privilege-escalation: spec.redisLeader: container "redis-exporter" must set securityContext.allowPrivilegeEscalation=false',
        'pss-run-as-user: spec.redisLeader: container "strata-leader" must not set securityContext.runAsUser=0',
        'pss-capabilities-restricted: spec.redisLeader: container "redis-exporter" must set securityContext.capabilities.drop=["ALL"]',
      ]);
      assert.ok(findings(object).includes('supply-chain-container-resources: spec.redisFollower: container "strata-follower" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory'));
      assert.ok(!findings(object).some((f) => f.includes("spec.redisLeader") && f.startsWith("supply-chain")), "the leader's own resources count");
    });
  });
});
