import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { EGRESS_GATEWAY_NAMESPACE } from "../platform/egress";
import { allowedFlows, applicationObjects, deploymentPeakPods, findObject, objectsOfLayer, podTemplates, tolerates } from "./graph-support";
import { kubernetesObjects, objectsOfKind, stackRun } from "./harness";
import { appContainer, dataCluster, deploymentOf, fitsEveryType, networkNeighbours, nodeGroupsOfPool, nodePoolOf, sameQuantity } from "./seed-support";
import { release } from "./services-support";

/**
 * Seed 001 (the 6-layer ideation engine) as the stack `ideation-engine`: the production environment's
 * numbers, written out here from the seed, asserted on what the program registers under mocks.
 * docs/profiles/ideation-engine.md maps each requirement to its config key.
 */

/** namespaces.yaml (monitoring is the platform's own). */
const LAYERS = ["l0-ingestion", "l1-allocation", "l2-dialogue", "l3-evolution", "l4-training", "l5-observability"];

/** eks-cluster.yaml: the node groups' bounds and volumes (Karpenter keeps the maxima; it keeps no minimum). */
const GENERAL = { maxSize: 10, diskSizeGiB: 100 };
const GPU = { instanceType: "p3.2xlarge", maxSize: 8, diskSizeGiB: 200, taint: { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" } };
/** spot-instances.yaml: the Karpenter spot-provisioner (amd64, 1000 CPU / 1000Gi, empty nodes after 30 s, 30 days). */
const SPOT_PROVISIONER = { cpu: 1000, memoryGiB: 1000, consolidateAfter: "30s", expireAfter: "720h" };
const SYSTEM = { family: "t3", maxSize: 4 };

/** The kafka-topics.sh loops: nine axes of raw and parsed events, and the control topic. */
const AXES = ["R", "T", "G", "A", "P", "C", "M", "S", "D"];
const TOPICS = [
  ...AXES.map((a) => ({ name: `raw_events.${a}`, partitions: 6, replicas: 3, retentionMs: 604800000, compression: "lz4" })),
  ...AXES.map((a) => ({ name: `parsed_events.${a}`, partitions: 6, replicas: 3, retentionMs: 2592000000, compression: "lz4" })),
  { name: "rl_rewards", partitions: 3, replicas: 3, retentionMs: 86400000, compression: undefined },
];

/** helm/values-prod.yaml: the crawlers (l0) and the orchestrator (l2). */
const CRAWLERS = { layer: "l0-ingestion", requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2000m", memory: "4Gi" } };
const ORCHESTRATOR = { layer: "l2-dialogue", requests: { cpu: "2000m", memory: "4Gi" }, limits: { cpu: "8000m", memory: "16Gi" } };

/** crawler-hpa and dialogue-pods-hpa, as the seed writes them. */
const CRAWLER_HPA = {
  minReplicas: 9,
  maxReplicas: 27,
  metrics: [{ type: "External", external: { metric: { name: "kafka_consumer_lag" }, target: { type: "AverageValue", averageValue: "1000" } } }],
  behavior: {
    scaleUp: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 100, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] },
  },
};
const DIALOGUE_HPA = {
  minReplicas: 3,
  maxReplicas: 50,
  metrics: [
    { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
    { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } },
    { type: "External", external: { metric: { name: "queue_depth" }, target: { type: "AverageValue", averageValue: "10" } } },
  ],
  behavior: undefined,
};

/** The ExternalSecret api-keys. */
const API_KEYS = [
  { secretKey: "anthropic-api-key", remoteRef: { key: "ideation-engine/anthropic", property: "api-key" } },
  { secretKey: "openai-api-key", remoteRef: { key: "ideation-engine/openai", property: "api-key" } },
];

describe("seed 001 ideation engine (stack ideation-engine)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("ideation-engine");
  });

  it("EKS cluster ideation-engine-prod in us-west-2 (the database's copy in us-east-1)", () => {
    assert.equal((run.outputs.cluster as any).name, "ideation-engine-prod");
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
    const regions = providers.map((p) => (p.inputs as any).region);
    assert.ok(regions.includes("us-west-2"));
    for (const p of providers) assert.equal((p.inputs as any).region, /repo2/.test(p.name) ? "us-east-1" : "us-west-2", p.name);
  });

  it("namespaces l0-ingestion … l5-observability, and monitoring", () => {
    const namespaces = objectsOfKind(kubernetesObjects(run.resources), "Namespace").map((n) => n.metadata.name);
    assert.deepEqual(objectsOfKind(applicationObjects(run), "Namespace").map((n) => n.metadata.name).sort(), [...LAYERS].sort());
    assert.ok(namespaces.includes("monitoring"));
  });

  it("pools: general at most 10 nodes with 100 GB (nodes that hold an orchestrator pod, unlike m5.large); GPU p3.2xlarge at most 8 with 200 GB, tainted; system t3, at most 4", () => {
    const general = nodePoolOf(run, "on-demand");
    assert.deepEqual({ maxSize: general.limits.nodes, diskSizeGiB: general.diskSizeGiB }, GENERAL);
    for (const t of general.instanceTypes!) assert.match(t, /^m5\./, "the seed's m5 family");
    assert.ok(fitsEveryType(ORCHESTRATOR.requests, general.instanceTypes!), "an orchestrator pod fits a general node");
    assert.ok(!fitsEveryType(ORCHESTRATOR.requests, ["m5.large"]), "the seed's m5.large would hold it: revisit the deviation");
    const gpu = nodePoolOf(run, "gpu");
    assert.deepEqual([gpu.instanceTypes, gpu.capacityTypes, gpu.limits.nodes, gpu.limits.gpus, gpu.diskSizeGiB], [[GPU.instanceType], ["on-demand"], GPU.maxSize, GPU.maxSize, GPU.diskSizeGiB]);
    assert.deepEqual(gpu.taints, [GPU.taint]);
    const [system] = nodeGroupsOfPool(run, "system");
    for (const t of system.instanceTypes) assert.match(t, new RegExp(`^${SYSTEM.family}\\.`));
    assert.equal(system.scaling.maxSize, SYSTEM.maxSize);
    const alertmanagers = release(run, "kube-prometheus-stack").inputs.values.alertmanager.alertmanagerSpec.replicas;
    assert.ok(system.scaling.minSize >= alertmanagers, "each Alertmanager replica needs a system node of its own");
  });

  it("the seed's Karpenter spot-provisioner as the spot NodePool: spot, amd64, 1000 CPU / 1000Gi, empty nodes removed after 30 s, 30-day nodes", () => {
    const spot = nodePoolOf(run, "spot");
    assert.deepEqual(spot.capacityTypes, ["spot"]);
    assert.deepEqual(spot.requirements["kubernetes.io/arch"].values, ["amd64"]);
    assert.deepEqual([spot.limits.cpu, spot.limits.memoryGiB], [SPOT_PROVISIONER.cpu, SPOT_PROVISIONER.memoryGiB]);
    assert.deepEqual([spot.disruption.consolidationPolicy, spot.disruption.consolidateAfter, spot.expireAfter], ["WhenEmpty", SPOT_PROVISIONER.consolidateAfter, SPOT_PROVISIONER.expireAfter]);
  });

  it("the layers' peak fits the general pool's limits now that Karpenter adds nodes (it did not fit the 2 desired nodes before)", () => {
    const karpenter = run.outputs.karpenter as { nodePools: Record<string, { peak: { cpu: number }; limits: { cpu: number } }> };
    const general = karpenter.nodePools["on-demand"];
    assert.ok(general.peak.cpu <= general.limits.cpu, `${general.peak.cpu} vCPU at the peak, ${general.limits.cpu} allowed`);
    assert.ok(general.peak.cpu > 2 * 16, "the peak exceeds what the seed's desired 2 nodes held");
  });

  it("Kafka topics: raw_events.{R,T,G,A,P,C,M,S,D} and parsed_events.* (6 partitions, RF 3, lz4, 7 and 30 days), rl_rewards (3, RF 3, 1 day)", () => {
    const topics = objectsOfKind<any>(kubernetesObjects(run.resources), "KafkaTopic").map((t) => ({
      name: t.spec.topicName,
      partitions: t.spec.partitions,
      replicas: t.spec.replicas,
      retentionMs: t.spec.config?.["retention.ms"],
      compression: t.spec.config?.["compression.type"],
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    assert.deepEqual(topics.sort(byName), [...TOPICS].sort(byName));
  });

  it("Kafka: 3 brokers of 2 vCPU / 8 GB with 100 GB, clients over TLS", () => {
    const broker = objectsOfKind<any>(kubernetesObjects(run.resources), "KafkaNodePool").find((p) => p.spec.roles.includes("broker"));
    assert.deepEqual([broker.spec.replicas, broker.spec.storage.volumes[0].size], [3, "100Gi"]);
    assert.ok(sameQuantity(broker.spec.resources.requests.cpu, "2") && sameQuantity(broker.spec.resources.requests.memory, "8Gi"));
    const listeners = dataCluster(run, "kafka").spec.kafka.listeners;
    assert.ok(listeners.length > 0 && listeners.every((l: any) => l.tls === true), "TLS only");
  });

  it("the autoscalers: crawler-hpa on l0-ingestion's crawlers and dialogue-pods-hpa on l2-dialogue's orchestrator, exactly as the seed writes them", () => {
    for (const [layer, seed] of [[CRAWLERS.layer, CRAWLER_HPA], [ORCHESTRATOR.layer, DIALOGUE_HPA]] as const) {
      const { spec } = findObject(objectsOfKind(objectsOfLayer(run, layer), "HorizontalPodAutoscaler"), "HorizontalPodAutoscaler", layer, layer) as any;
      assert.deepEqual({ minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics: spec.metrics, behavior: spec.behavior }, seed, layer);
    }
  });

  it("the crawlers' and the orchestrator's requests and limits", () => {
    for (const w of [CRAWLERS, ORCHESTRATOR]) {
      const { resources } = appContainer(deploymentOf(run, w.layer));
      for (const key of ["cpu", "memory"] as const) {
        assert.ok(sameQuantity(resources.requests[key], w.requests[key]), `${w.layer} requests.${key}`);
        assert.ok(sameQuantity(resources.limits[key], w.limits[key]), `${w.layer} limits.${key}`);
      }
    }
  });

  it("Postgres 15: a writer of 4 vCPU / 32 GB and 2 readers of 2 vCPU / 16 GB; vector, pg_stat_statements and pg_trgm in ideation-engine", () => {
    const pg = dataCluster(run, "postgres");
    assert.equal(pg.spec.postgresVersion, 15);
    const sets = pg.spec.instances.map((i: any) => [i.name, i.replicas, i.resources.requests.cpu, i.resources.requests.memory]);
    assert.deepEqual(sets.map((s: any[]) => s.slice(0, 2)), [["writer", 1], ["readers", 2]]);
    assert.ok(sameQuantity(sets[0][2], "4") && sameQuantity(sets[0][3], "32Gi"));
    assert.ok(sameQuantity(sets[1][2], "2") && sameQuantity(sets[1][3], "16Gi"));
    assert.ok(fitsEveryType({ cpu: "4", memory: "32Gi" }, nodePoolOf(run, "stateful").instanceTypes!), "the writer fits a stateful node");
    const init = objectsOfKind<any>(kubernetesObjects(run.resources), "ConfigMap").find((c) => c.metadata.namespace === "postgres" && /init/.test(c.metadata.name));
    const section = init.data["init.sql"].split('\\c "ideation-engine"\n')[1] ?? "";
    for (const ext of ["vector", "pg_stat_statements", "pg_trgm"]) assert.ok(section.includes(`CREATE EXTENSION IF NOT EXISTS "${ext}";`), ext);
  });

  it("backups kept 7 days, the daily one in the 03:00–04:00 window, every 6 hours, continuous WAL, a copy in us-east-1", () => {
    const { global, repos } = dataCluster(run, "postgres").spec.backups.pgbackrest;
    assert.equal(global["repo1-retention-full"], "7");
    const [minute, hour, ...rest] = repos[0].schedules.full.split(" ");
    assert.deepEqual([Number(hour), rest], [3, ["*", "*", "*"]]);
    assert.ok(Number(minute) < 60);
    assert.equal(repos[0].schedules.incremental, "0 */6 * * *");
    assert.equal(repos[1].s3.region, "us-east-1");
  });

  it("l0-ingestion's network rule: ingress from l1-allocation and monitoring, egress to l1-allocation, Kafka and PostgreSQL", () => {
    const policies = objectsOfKind(applicationObjects(run), "NetworkPolicy").filter((p) => p.metadata.namespace === "l0-ingestion");
    const flows = allowedFlows(policies);
    assert.deepEqual(networkNeighbours(run, "l0-ingestion", LAYERS), ["l1-allocation"]);
    const ingress = new Set(flows.filter((f) => f.direction === "ingress").map((f) => f.namespace));
    assert.deepEqual([...ingress].sort(), ["l1-allocation", "monitoring"]);
    const egress = flows.filter((f) => f.direction === "egress").map((f) => `${f.namespace}:${f.port}`);
    for (const to of ["l1-allocation:8080", "kafka:9093", "postgres:5432"]) assert.ok(egress.includes(to), to);
  });

  it("the ExternalSecret api-keys: the OpenAI and Anthropic keys from AWS Secrets Manager, refreshed hourly", () => {
    const [secret] = objectsOfKind<any>(objectsOfLayer(run, ORCHESTRATOR.layer), "ExternalSecret");
    assert.equal(secret.metadata.name, "api-keys");
    assert.equal(secret.spec.refreshInterval, "1h");
    assert.equal(secret.spec.secretStoreRef.name, "aws-secrets-manager");
    assert.deepEqual(secret.spec.data, API_KEYS);
  });

  it("the orchestrator calls the LLM providers whose keys it holds by name, through the egress gateway; the crawlers' open 443 (\"to: []\") is not reproduced: no other layer leaves", () => {
    const objects = kubernetesObjects(run.resources);
    const [policy] = objectsOfKind<any>(objects, "AuthorizationPolicy").filter((p) => p.metadata.namespace === EGRESS_GATEWAY_NAMESPACE);
    assert.deepEqual(
      policy.spec.rules.map((r: any) => [r.when[0].values[0], r.from[0].source.principals]),
      ["api.openai.com", "api.anthropic.com"].map((host) => [host, [`cluster.local/ns/${ORCHESTRATOR.layer}/sa/${ORCHESTRATOR.layer}`]]),
    );
    const toGateway = LAYERS.filter((layer) => allowedFlows(objectsOfKind(applicationObjects(run), "NetworkPolicy").filter((p) => p.metadata.namespace === layer)).some((f) => f.namespace === EGRESS_GATEWAY_NAMESPACE));
    assert.deepEqual(toGateway, [ORCHESTRATOR.layer]);
  });

  it("L4 training on the GPU nodes, one V100 a pod, with the NVIDIA device plugin; the pool's nodes (one V100 each) hold its peak", () => {
    const deployment = deploymentOf(run, "l4-training");
    const pod = deployment.spec.template.spec;
    assert.equal(String(appContainer(deployment).resources.limits["nvidia.com/gpu"]), "1");
    const gpu = nodePoolOf(run, "gpu");
    const [hpa] = objectsOfKind<any>(objectsOfLayer(run, "l4-training"), "HorizontalPodAutoscaler");
    assert.ok(gpu.limits.gpus! >= deploymentPeakPods(deployment, hpa), `${gpu.limits.gpus} GPUs for the peak`);
    assert.ok(gpu.limits.nodes! >= deploymentPeakPods(deployment, hpa), `${gpu.limits.nodes} p3.2xlarge nodes for the peak`);
    for (const [key, value] of Object.entries(pod.nodeSelector)) assert.equal(gpu.labels[key], value);
    assert.ok(pod.tolerations.some((t: any) => tolerates(t, GPU.taint as any)));
    assert.equal(release(run, "nvidia-device-plugin").inputs.namespace, "nvidia-device-plugin");
  });

  it("cost controls for L5: daily LLM budget 200, cost per idea 0.10, entropy threshold 0.02", () => {
    const env = appContainer(deploymentOf(run, "l5-observability")).env.map((e: any) => [e.name, e.value]);
    for (const pair of [["DAILY_LLM_BUDGET", "200"], ["COST_PER_IDEA_LIMIT", "0.10"], ["ENTROPY_THRESHOLD", "0.02"]]) assert.ok(env.some((e: string[]) => e[0] === pair[0] && e[1] === pair[1]), pair[0]);
  });

  it("monitoring: metrics kept 30 days; the HighKafkaLag (> 10000) and PodCrashLooping alerts", () => {
    const objects = kubernetesObjects(run.resources);
    const compactor = objectsOfKind<any>(objects, "StatefulSet").find((s) => s.metadata.name === "thanos-compact");
    assert.ok(compactor.spec.template.spec.containers[0].args.includes("--retention.resolution-raw=30d"));
    const rules = objectsOfKind<any>(objects, "PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
    const lag = rules.find((r) => r.alert === "KafkaConsumerLagHigh");
    assert.match(lag?.expr ?? "", /kafka_consumergroup_lag\) > 10000$/);
    assert.equal(lag.for, "5m");
    assert.ok(rules.some((r) => r.alert === "PodCrashLooping"));
  });

  it("restricted pods: non-root, no escalation, ALL dropped, read-only root, RuntimeDefault seccomp", () => {
    for (const { owner, spec } of podTemplates(applicationObjects(run))) {
      assert.ok(spec.securityContext?.runAsNonRoot, owner.metadata.name);
      assert.equal(spec.securityContext?.seccompProfile?.type, "RuntimeDefault", owner.metadata.name);
      for (const c of spec.containers) {
        assert.equal(c.securityContext.allowPrivilegeEscalation, false);
        assert.ok(c.securityContext.capabilities.drop.includes("ALL"));
        assert.equal(c.securityContext.readOnlyRootFilesystem, true);
      }
    }
  });
});
