import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { DATA_LAYERS } from "./data-support";
import { applicationObjects, podTemplates, rawStackConfig, tolerates } from "./graph-support";
import { kubernetesObjects, objectsOfKind, stackRun } from "./harness";
import {
  admittedLayers,
  appContainer,
  dataCluster,
  deploymentOf,
  fitsEveryType,
  networkNeighbours,
  nodePoolOf,
  sameQuantity,
  startupTargets,
  withSidecars,
} from "./seed-support";

/**
 * Seed 000 (HAL9 hierarchical architecture) as the stack `hal9`: the document's numbers, written out here
 * from the seed, asserted on what the program registers under mocks. docs/profiles/hal9.md maps each
 * requirement to its config key.
 */

/** hal9-production-values.yaml, and "Layer-Specific Scheduling" (l1_l2 and l3 on spot, l4_l5 on on-demand). */
const SEED_LAYERS = [
  { name: "l1-reflexive", replicas: 20, requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "8Gi" }, capacity: "spot" },
  { name: "l2-implementation", replicas: 15, requests: { cpu: "4", memory: "8Gi" }, limits: { cpu: "8", memory: "16Gi" }, capacity: "spot" },
  { name: "l3-operational", replicas: 10, requests: { cpu: "8", memory: "16Gi" }, limits: { cpu: "16", memory: "32Gi" }, capacity: "spot" },
  { name: "l4-tactical", replicas: 5, requests: { cpu: "16", memory: "32Gi" }, limits: { cpu: "32", memory: "64Gi" }, capacity: "on-demand" },
  { name: "l5-strategic", replicas: 3, requests: { cpu: "32", memory: "64Gi" }, limits: { cpu: "64", memory: "128Gi" }, capacity: "on-demand" },
] as const;
const LAYER_NAMES = SEED_LAYERS.map((l) => l.name);

/** The PSP hal9-restricted's allowed volume types. */
const PSP_VOLUMES = ["configMap", "emptyDir", "projected", "secret", "downwardAPI", "persistentVolumeClaim"];

describe("seed 000 HAL9 (stack hal9)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("hal9");
  });

  it("region us-west-2", () => {
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
    assert.ok(providers.length > 0);
    for (const p of providers) assert.equal((p.inputs as any).region, "us-west-2", p.name);
  });

  it("five cognitive layers with the production values' replicas, requests and limits, and no autoscaler", () => {
    for (const layer of SEED_LAYERS) {
      const deployment = deploymentOf(run, layer.name);
      assert.equal(deployment.spec.replicas, layer.replicas, layer.name);
      const { resources } = appContainer(deployment);
      for (const key of ["cpu", "memory"] as const) {
        assert.ok(sameQuantity(resources.requests[key], layer.requests[key]), `${layer.name} requests.${key}: ${resources.requests[key]}`);
        assert.ok(sameQuantity(resources.limits[key], layer.limits[key]), `${layer.name} limits.${key}: ${resources.limits[key]}`);
      }
    }
    assert.deepEqual(objectsOfKind(applicationObjects(run), "HorizontalPodAutoscaler"), []);
  });

  it("L1–L3 run on the spot pool, L4–L5 on the on-demand one (never on spot): Karpenter's NodePools with the pools' labels and taints", () => {
    const spot = nodePoolOf(run, "spot");
    const onDemand = nodePoolOf(run, "on-demand");
    assert.deepEqual(spot.capacityTypes, ["spot"]);
    assert.deepEqual(onDemand.capacityTypes, ["on-demand"]);
    for (const layer of SEED_LAYERS) {
      const pod = deploymentOf(run, layer.name).spec.template.spec;
      const pool = layer.capacity === "spot" ? spot : onDemand;
      for (const [key, value] of Object.entries(pod.nodeSelector ?? {})) assert.equal(pool.labels[key], value, `${layer.name} selects ${key}=${value}`);
      assert.ok(Object.keys(pod.nodeSelector ?? {}).length > 0, `${layer.name} selects no pool`);
      const tolerated = (taint: (typeof spot.taints)[number]) => (pod.tolerations ?? []).some((t: any) => tolerates(t, taint));
      for (const taint of pool.taints) assert.ok(tolerated(taint), `${layer.name} does not tolerate ${taint.key}`);
      if (layer.capacity === "on-demand") for (const taint of spot.taints) assert.ok(!tolerated(taint), `${layer.name} tolerates spot`);
    }
  });

  it("worker nodes: at most 50 in total (the autoscaler's max), 500 GB disks; the seed's 16-vCPU nodes on spot; each layer's pod fits its pool's nodes", () => {
    const spot = nodePoolOf(run, "spot");
    const onDemand = nodePoolOf(run, "on-demand");
    assert.equal(spot.limits.nodes! + onDemand.limits.nodes!, 50);
    for (const pool of [spot, onDemand]) assert.equal(pool.diskSizeGiB, 500, pool.pool);
    // 16 vCPU (4xlarge) of the general purpose and memory optimized families: 64 GiB and more.
    assert.deepEqual(spot.requirements["karpenter.k8s.aws/instance-size"].values, ["4xlarge"]);
    assert.deepEqual(spot.requirements["karpenter.k8s.aws/instance-category"].values, ["m", "r"]);
    const spotTypes = spot.requirements["karpenter.k8s.aws/instance-category"].values.map((c) => `${c}6i.4xlarge`);
    for (const layer of SEED_LAYERS) {
      const types = layer.capacity === "spot" ? spotTypes : onDemand.instanceTypes!;
      assert.ok(fitsEveryType(layer.requests, types), `${layer.name} does not fit its pool`);
    }
    // The seed's 16 cores / 64 GB fit L1–L3, not L4 (16 CPU) or L5 (32 CPU): the on-demand pool is bigger.
    assert.deepEqual(onDemand.instanceTypes, ["m6i.16xlarge"]);
    assert.ok(!fitsEveryType(SEED_LAYERS[3].requests, ["m6i.4xlarge"]), "L4 would fit the seed's nodes: revisit the deviation");
  });

  it("the worker pools' limits hold the seed's pods at their peak (replicas plus a rolling update's surge, each with the mesh sidecar); their baseline needs at least the seed's 5 nodes", () => {
    let baselineNodes = 0;
    for (const pool of ["spot", "on-demand"] as const) {
      const layers = SEED_LAYERS.filter((l) => l.capacity === pool);
      const peak = layers.map((l) => withSidecars(l.replicas + Math.ceil(l.replicas / 4), l.requests));
      const baseline = layers.map((l) => withSidecars(l.replicas, l.requests));
      const sum = (items: { cpu: number; memoryGiB: number }[], key: "cpu" | "memoryGiB") => items.reduce((n, i) => n + i[key], 0);
      const limits = nodePoolOf(run, pool).limits;
      assert.ok(limits.cpu >= sum(peak, "cpu"), `${pool}: ${limits.cpu} vCPU for ${sum(peak, "cpu")} at the peak`);
      assert.ok(limits.memoryGiB >= sum(peak, "memoryGiB"), `${pool}: ${limits.memoryGiB} GiB for ${sum(peak, "memoryGiB")} at the peak`);
      baselineNodes += Math.ceil(sum(baseline, "cpu") / (pool === "spot" ? 16 : 64));
    }
    assert.ok(baselineNodes >= 5, `${baselineNodes} nodes at baseline`);
  });

  it("spot share: the seed's layer sizes put 50.8 % of their requested CPU on spot at baseline; the stack holds it to half at least", () => {
    const karpenter = run.outputs.karpenter as { spotShare: { baseline: number; peak: number } };
    assert.equal(karpenter.spotShare.baseline, 0.508);
    const spot = (20 * 2.05 + 15 * 4.05 + 10 * 8.05) / (20 * 2.05 + 15 * 4.05 + 10 * 8.05 + 5 * 16.05 + 3 * 32.05);
    assert.equal(karpenter.spotShare.baseline, Number(spot.toFixed(3)));
    assert.equal((rawStackConfig("hal9").cluster as any).spotShare.min, 0.5);
  });

  it("maintenance window Sunday 02:00–06:00 UTC: outside it no pool is consolidated or rolled for drift", () => {
    for (const pool of ["stateful", "on-demand", "spot"] as const) {
      assert.deepEqual(nodePoolOf(run, pool).disruption.budgets.at(-1), { nodes: "0", schedule: "0 6 * * 0", duration: "164h" }, pool);
    }
  });

  it("only adjacent layers communicate: network policies and mesh authorization name exactly the neighbours", () => {
    SEED_LAYERS.forEach((layer, i) => {
      const neighbours = [LAYER_NAMES[i - 1], LAYER_NAMES[i + 1]].filter((n) => n !== undefined).sort();
      assert.deepEqual(networkNeighbours(run, layer.name, LAYER_NAMES), neighbours, `${layer.name}: network`);
      assert.deepEqual(admittedLayers(run, layer.name, LAYER_NAMES), neighbours, `${layer.name}: mesh`);
    });
  });

  it("layer-by-layer rollout bottom-up: L1 after the data services, each layer after the one below", () => {
    assert.deepEqual(startupTargets(run, LAYER_NAMES[0], LAYER_NAMES), ["postgres", "redis"]);
    for (let i = 1; i < LAYER_NAMES.length; i++) assert.deepEqual(startupTargets(run, LAYER_NAMES[i], LAYER_NAMES), [`Deployment ${LAYER_NAMES[i - 1]}`]);
  });

  it("Redis 7+ in cluster mode, 6 nodes (3 leaders, 3 followers) of 16 GB, a leader and a follower fitting one stateful node", () => {
    const redis = dataCluster(run, "redis");
    assert.deepEqual([redis.spec.redisLeader.replicas, redis.spec.redisFollower.replicas], [3, 3]);
    assert.equal(redis.spec.clusterSize, 3);
    assert.ok(Number(/:v?(\d+)\./.exec(redis.spec.kubernetesConfig.image)![1]) >= 7, redis.spec.kubernetesConfig.image);
    const { resources } = redis.spec.kubernetesConfig;
    assert.ok(sameQuantity(resources.requests.memory, "16Gi") && sameQuantity(resources.limits.memory, "16Gi"));
    assert.ok(fitsEveryType({ cpu: resources.requests.cpu, memory: "32Gi" }, nodePoolOf(run, "stateful").instanceTypes!), "a leader and a follower per node");
  });

  it("Postgres 14+: primary + 2 replicas of 8 cores, 32 GB and 1 TB; backups kept 30 days, a daily full and hourly incrementals", () => {
    const pg = dataCluster(run, "postgres");
    assert.ok(pg.spec.postgresVersion >= 14);
    const [set] = pg.spec.instances;
    assert.equal(pg.spec.instances.length, 1);
    assert.equal(set.replicas, 3);
    assert.ok(sameQuantity(set.resources.requests.cpu, "8") && sameQuantity(set.resources.requests.memory, "32Gi"));
    assert.ok(sameQuantity(set.dataVolumeClaimSpec.resources.requests.storage, "1Ti"));
    assert.ok(fitsEveryType(set.resources.requests, nodePoolOf(run, "stateful").instanceTypes!));
    const { global, repos } = pg.spec.backups.pgbackrest;
    assert.deepEqual([global["repo1-retention-full"], global["repo1-retention-full-type"]], ["30", "time"]);
    const { full, incremental, differential } = repos[0].schedules;
    assert.equal(differential, undefined);
    const [fullMinute, fullHour, ...fullRest] = full.split(" ");
    assert.deepEqual(fullRest, ["*", "*", "*"], "daily");
    assert.match(`${fullMinute} ${fullHour}`, /^\d+ \d+$/, "once a day");
    const [incMinute, incHours, ...incRest] = incremental.split(" ");
    assert.deepEqual([incMinute, incRest], [fullMinute, ["*", "*", "*"]]);
    assert.deepEqual(expandHours(incHours), Array.from({ length: 24 }, (_, h) => h).filter((h) => h !== Number(fullHour)), "every other hour of the day");
  });

  it("Velero: neuron states hourly kept 7 days, learning data daily kept 30 days, system state every 6 hours kept 14 days as snapshots", () => {
    const schedules = objectsOfKind<any>(kubernetesObjects(run.resources), "Schedule").map((s) => ({
      name: s.metadata.name,
      schedule: s.spec.schedule,
      ttl: s.spec.template.ttl,
      namespaces: s.spec.template.includedNamespaces,
      snapshots: s.spec.template.snapshotVolumes,
    }));
    assert.deepEqual(schedules.sort((a, b) => a.name.localeCompare(b.name)), [
      { name: "learning-data", schedule: "0 2 * * *", ttl: "720h0m0s", namespaces: undefined, snapshots: true },
      { name: "neuron-states", schedule: "0 * * * *", ttl: "168h0m0s", namespaces: [DATA_LAYERS.postgres.namespace, DATA_LAYERS.redis.namespace], snapshots: true },
      { name: "system-state", schedule: "0 */6 * * *", ttl: "336h0m0s", namespaces: undefined, snapshots: true },
    ]);
  });

  it("metrics kept 90 days (Thanos's raw resolution)", () => {
    const compactor = objectsOfKind<any>(kubernetesObjects(run.resources), "StatefulSet").find((s) => s.metadata.name === "thanos-compact");
    assert.ok(compactor.spec.template.spec.containers[0].args.includes("--retention.resolution-raw=90d"));
  });

  it("pods as the PSP hal9-restricted says: not privileged, no escalation, ALL dropped, non-root, read-only root, its volume types", () => {
    for (const { owner, spec } of podTemplates(applicationObjects(run))) {
      assert.ok(spec.securityContext?.runAsNonRoot, `${owner.metadata.name}: runAsNonRoot`);
      for (const c of spec.containers) {
        const sc = c.securityContext ?? {};
        assert.equal(sc.privileged ?? false, false);
        assert.equal(sc.allowPrivilegeEscalation, false);
        assert.ok(sc.capabilities?.drop?.includes("ALL"));
        assert.equal(sc.readOnlyRootFilesystem, true);
      }
      for (const v of spec.volumes ?? []) assert.ok(Object.keys(v).some((k) => PSP_VOLUMES.includes(k)), `${owner.metadata.name}: volume ${v.name}`);
    }
    assert.equal(podTemplates(applicationObjects(run)).length, SEED_LAYERS.length);
    for (const ns of objectsOfKind(applicationObjects(run), "Namespace")) assert.equal(ns.metadata.labels?.["pod-security.kubernetes.io/enforce"], "restricted", ns.metadata.name);
  });
});

/** The hours a cron hour field names ("0,2-23", "*", "*\/6"). */
function expandHours(field: string): number[] {
  const hours = new Set<number>();
  for (const part of field.split(",")) {
    const [range, step = "1"] = part.split("/");
    const [from, to] = range === "*" ? [0, 23] : range.includes("-") ? range.split("-").map(Number) : [Number(range), Number(range)];
    for (let h = from; h <= to; h += Number(step)) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}
