import { strict as assert } from "node:assert";
import { PolicyStack } from "../policies/engine/stack";
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
    it("models the pods it makes itself: entity operator, Cruise Control, Kafka Exporter (not spec.kafka: node pools make the brokers, and take from its template)", () => {
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

  describe("Strimzi: a node pool takes what its template leaves out from its Kafka's spec.kafka.template", () => {
    const hostileKafka = kafka({ kafka: { listeners: [], rack: { type: "topology-label", topologyKey: "topology.kubernetes.io/zone" }, template: { kafkaContainer: { securityContext: { ...RESTRICTED_CONTAINER, privileged: true } } } } });
    const pool = (template: Record<string, unknown>) => ({ ...nodePool(template), metadata: { name: "brokers", namespace: "kafka", labels: { "strimzi.io/cluster": "strata" } } });
    const lookup = new PolicyStack([hostileKafka].map((o) => objectSubject(o)));
    const judged = (object: KubernetesObjectLike) => evaluatePodSecurity(object, { level: "restricted", version: "latest", lookup }).map((v) => `${v.rule}: ${v.message}`);

    it("a pool without a kafkaContainer template runs the Kafka's: its privileged container is flagged on the pool, naming where it comes from", () => {
      assert.deepEqual(judged(pool({ pod: { securityContext: RESTRICTED_POD }, initContainer: { securityContext: RESTRICTED_CONTAINER } })), [
        "pss-privileged: spec.template (with kafkaContainer from Kafka strata's spec.kafka.template): container \"kafka\" must not set securityContext.privileged=true",
      ]);
    });

    it("a pool with its own templates is judged on them; with rack awareness its kafka-init runs, declared or not", () => {
      assert.deepEqual(judged(pool(restrictedNodePoolTemplate)), []);
      const withoutInit = judged(pool({ pod: { securityContext: RESTRICTED_POD }, kafkaContainer: { securityContext: RESTRICTED_CONTAINER } }));
      assert.ok(withoutInit.includes('pss-allow-privilege-escalation: init container "kafka-init" must set securityContext.allowPrivilegeEscalation=false'), withoutInit.join("\n"));
    });
  });

  describe("Strimzi Connect, MirrorMaker 2, Bridge and StrimziPodSet", () => {
    const connect = (kind: string, spec: Record<string, unknown>) => ({ apiVersion: "kafka.strimzi.io/v1", kind, metadata: { name: "c", namespace: "kafka" }, spec: { replicas: 1, resources: RESOURCES, ...spec } });
    const restricted = { pod: { securityContext: RESTRICTED_POD }, connectContainer: { securityContext: RESTRICTED_CONTAINER }, buildPod: { securityContext: RESTRICTED_POD }, buildContainer: { securityContext: RESTRICTED_CONTAINER } };

    it("models the workers, the build pod with spec.build, and the bridge", () => {
      assert.deepEqual(sitesOf(connect("KafkaConnect", { template: restricted, build: { resources: RESOURCES } })), ["spec.template: connect", "spec.build: build"]);
      assert.deepEqual(sitesOf(connect("KafkaMirrorMaker2", { rack: { topologyKey: "zone" } })), ["spec.template: kafka-init,connect"]);
      assert.deepEqual(sitesOf(connect("KafkaBridge", {})), ["spec.template: bridge"]);
      const podSet = { apiVersion: "kafka.strimzi.io/v1", kind: "StrimziPodSet", metadata: { name: "s", namespace: "kafka" }, spec: { pods: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "kafka", image: "quay.io/strimzi/kafka:1.2.0" }] } }] } };
      assert.deepEqual(sitesOf(podSet), ["spec.pods[0].spec: kafka"]);
    });

    it("passes restricted templates with resources; flags a privileged Connect worker, a hostPath in the build pod and a Bridge left to the operator", () => {
      assert.deepEqual(findings(connect("KafkaConnect", { template: restricted, build: { resources: RESOURCES } })), []);
      const hostile = connect("KafkaConnect", {
        template: { ...restricted, connectContainer: { securityContext: { ...RESTRICTED_CONTAINER, privileged: true } }, buildPod: { securityContext: RESTRICTED_POD, volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] } },
        build: { resources: RESOURCES },
      });
      assert.ok(findings(hostile).includes('pss-privileged: spec.template: container "connect" must not set securityContext.privileged=true'), findings(hostile).join("\n"));
      assert.ok(findings(hostile).includes('pss-host-path-volumes: spec.build: volume "docker" must not be a hostPath volume'), findings(hostile).join("\n"));
      assert.ok(findings(connect("KafkaBridge", {})).includes('pss-run-as-non-root: pod or container "bridge" must set securityContext.runAsNonRoot=true'));
    });
  });

  describe("prometheus-operator: Prometheus, PrometheusAgent, Alertmanager, ThanosRuler", () => {
    const resource = (kind: string, spec: Record<string, unknown>) => ({ apiVersion: kind === "PrometheusAgent" ? "monitoring.coreos.com/v1alpha1" : "monitoring.coreos.com/v1", kind, metadata: { name: "m", namespace: "monitoring" }, spec: { resources: RESOURCES, securityContext: { ...RESTRICTED_POD, runAsUser: 1000, fsGroup: 2000 }, ...spec } });

    it("models the operator's containers (its fixed restricted context) and the resource's own", () => {
      assert.deepEqual(sitesOf(resource("Prometheus", { thanos: { resources: RESOURCES } })), ["spec: init-config-reloader,prometheus,config-reloader,thanos-sidecar"]);
      assert.deepEqual(sitesOf(resource("Alertmanager", { containers: [{ name: "extra", image: "quay.io/x/y:1.0" }] })), ["spec: init-config-reloader,alertmanager,config-reloader,extra"]);
      assert.deepEqual(sitesOf(resource("ThanosRuler", {})), ["spec: init-config-reloader,thanos-ruler,config-reloader"]);
      assert.deepEqual(sitesOf(resource("PrometheusAgent", {})), ["spec: init-config-reloader,prometheus,config-reloader"]);
    });

    it("passes a resource with a restricted pod context and resources (the operator's containers are restricted)", () => {
      for (const kind of ["Prometheus", "PrometheusAgent", "Alertmanager", "ThanosRuler"]) assert.deepEqual(findings(resource(kind, {})), [], kind);
    });

    it("flags hostNetwork, a hostPath volume, a container patched privileged by name, and a pod without a security context", () => {
      const hostile = resource("Prometheus", { hostNetwork: true, volumes: [{ name: "root", hostPath: { path: "/" } }], containers: [{ name: "prometheus", securityContext: { privileged: true } }] });
      assert.deepEqual(findings(hostile).filter((f) => !f.startsWith("pss-restricted-volumes")), [
        "pss-host-namespaces: pod must not set hostNetwork=true",
        'pss-privileged: container "prometheus" must not set securityContext.privileged=true',
        'pss-host-path-volumes: volume "root" must not be a hostPath volume',
      ]);
      const bare = resource("Alertmanager", { securityContext: undefined });
      assert.ok(findings(bare).includes('pss-run-as-non-root: pod or container "alertmanager" must set securityContext.runAsNonRoot=true'), findings(bare).join("\n"));
    });
  });

  describe("Argo Rollouts", () => {
    it("judges a Rollout's pod template as a Deployment's", () => {
      const rollout = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "r", namespace: "a" }, spec: { template: { metadata: {}, spec: { hostPID: true, containers: [{ name: "app", image: "ghcr.io/x/a:1.0", resources: RESOURCES, securityContext: RESTRICTED_CONTAINER }] } } } };
      assert.deepEqual(findings(rollout), ["pss-host-namespaces: pod must not set hostPID=true"]);
    });
  });
});
