import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { check, type CheckReport, type InvalidConfigReport } from "../cli/check";
import { MIN_SPOT_INSTANCE_TYPES } from "../capabilities/karpenter";
import { resolveKarpenter } from "../capabilities/karpenter/resolve";
import { countedInstanceTypes, selectedFamilies } from "../platform/instance-shapes";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";
import { projectWithStacks } from "./karpenter-support";

/**
 * Node autoscaling's config: what it resolves to, and every invalid input through the real program (exit 2's
 * config errors, each at its key path, nothing registered): keys used where Karpenter does not run, instance
 * selections that are no real instance types or too narrow for spot, pods larger than any node of their pool,
 * layers whose peak exceeds their pool's limits, a spot share below the asked minimum, malformed durations,
 * budgets and windows.
 */

const layer = (name: string, extra: Record<string, unknown> = {}) => testLayer(name, extra);
const dev = (extra: Record<string, unknown>) => ({ profile: "dev", ...extra });

const cases: InvalidCase[] = [
  {
    title: "the karpenter key with autoscaling mode none",
    config: dev({ cluster: { autoscaling: { mode: "none" } }, karpenter: { replicas: 2 } }),
    issues: [issue("karpenter", /runs only on an EKS cluster .* cluster\.autoscaling\.mode is none/)],
  },
  {
    title: "the karpenter key on an existing cluster",
    config: { profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS, karpenter: { replicas: 2 } },
    issues: [issue("karpenter", /the cluster is an existing one/)],
  },
  { title: "an unknown autoscaling mode", config: dev({ cluster: { autoscaling: { mode: "cluster-autoscaler" } } }), issues: [issue("cluster.autoscaling.mode", /expected one of "karpenter"\|"none"/)] },
  {
    title: "a fixed size for a pool Karpenter provisions",
    config: dev({ cluster: { nodeGroups: { spot: { minSize: 2, maxSize: 10 } } } }),
    issues: [issue("cluster.nodeGroups.spot.minSize", /Karpenter's .* has no fixed size; bound it with karpenter\.pools\.spot\.limits/), issue("cluster.nodeGroups.spot.maxSize", /no fixed size/)],
  },
  {
    title: "an arm64 instance type for a Karpenter pool",
    config: dev({ cluster: { nodeGroups: { "on-demand": { instanceTypes: ["m6i.xlarge", "m7g.xlarge"] } } } }),
    issues: [issue("cluster.nodeGroups.on-demand.instanceTypes[1]", /"m7g\.xlarge" is arm64: Karpenter's pools run x86_64/)],
  },
  {
    title: "both an instance list and requirements for one pool",
    config: dev({ cluster: { nodeGroups: { "on-demand": { instanceTypes: ["m6i.xlarge"] } } }, karpenter: { pools: { "on-demand": { instances: { categories: ["m"] } } } } }),
    issues: [issue("karpenter.pools.on-demand.instances", /lists the pool's types already: give either the list or requirements/)],
  },
  { title: "a gpu pool the cluster does not have", config: dev({ karpenter: { pools: { gpu: { limits: { gpus: 2 } } } } }), issues: [issue("karpenter.pools.gpu", /the cluster has no gpu pool: add cluster\.nodeGroups\.gpu/)] },
  {
    title: "an unknown family, a GPU family in a CPU pool, an arm64 family",
    config: dev({ karpenter: { pools: { spot: { instances: { families: ["m6i", "q9", "g5", "c7g"] } } } } }),
    issues: [
      issue("karpenter.pools.spot.instances.families[1]", /unknown instance family "q9"/),
      issue("karpenter.pools.spot.instances.families[2]", /"g5" is a GPU family: GPU capacity belongs to the gpu pool/),
      issue("karpenter.pools.spot.instances.families[3]", /"c7g" is arm64/),
    ],
  },
  {
    title: "categories for the gpu pool, a CPU family in it, GPUs outside it",
    config: dev({
      cluster: { nodeGroups: { gpu: {} } },
      karpenter: { pools: { gpu: { instances: { categories: ["m"], families: ["m6i"] } }, "on-demand": { limits: { gpus: 2 } } } },
    }),
    issues: [
      issue("karpenter.pools.gpu.instances.categories", /draws from GPU families/),
      issue("karpenter.pools.gpu.instances.families[0]", /"m6i" has no NVIDIA GPU/),
      issue("karpenter.pools.on-demand.limits.gpus", /only the gpu pool's nodes have GPUs/),
    ],
  },
  { title: "an unknown category, a generation out of range", config: dev({ karpenter: { pools: { spot: { instances: { categories: ["x"], minGeneration: 12 } } } } }), issues: [issue("karpenter.pools.spot.instances.categories[0]", /expected one of "c"\|"m"\|"r"/), issue("karpenter.pools.spot.instances.minGeneration", /<=9/)] },
  {
    title: "requirements no instance type meets",
    config: dev({ karpenter: { pools: { "on-demand": { instances: { families: ["m5"], minGeneration: 7 } } } } }),
    issues: [issue("karpenter.pools.on-demand.instances", /no instance type Strata knows matches families m5; categories c, m, r; generation ≥ 7/)],
  },
  {
    title: "a GPU size none of the pool's families comes in",
    config: dev({ cluster: { nodeGroups: { gpu: {} } }, karpenter: { pools: { gpu: { instances: { families: ["p3"], sizes: ["xlarge", "2xlarge"] } } } } }),
    issues: [issue("karpenter.pools.gpu.instances.sizes", /no family of the gpu pool comes in xlarge/)],
  },
  {
    title: `a spot pool narrower than ${MIN_SPOT_INSTANCE_TYPES} types by its requirements`,
    config: dev({ karpenter: { pools: { spot: { instances: { categories: ["m"], minGeneration: 8, sizes: ["xlarge", "2xlarge"] } } } } }),
    issues: [issue("karpenter.pools.spot.instances", /the spot pool runs on spot and allows 4 instance types .* fewer than 15: Karpenter replaces a spot node by a cheaper one only with 15 types open to it/)],
  },
  {
    title: "a spot pool of a fixed list of five types",
    config: dev({ cluster: { nodeGroups: { spot: { instanceTypes: ["m6i.large", "m6a.large", "m5.large", "m5a.large", "m7i.large"] } } } }),
    issues: [issue("cluster.nodeGroups.spot.instanceTypes", /the spot pool runs on spot and allows 5 instance types \(m6i\.large, .*\), fewer than 15/)],
  },
  {
    title: "a spot gpu pool of two types",
    config: dev({ cluster: { nodeGroups: { gpu: { capacityType: "SPOT", instanceTypes: ["g5.xlarge", "g6.xlarge"] } } } }),
    issues: [issue("cluster.nodeGroups.gpu.instanceTypes", /the gpu pool runs on spot and allows 2 instance types \(g5\.xlarge, g6\.xlarge\), fewer than 3: one GPU type running dry must not empty the pool/)],
  },
  {
    title: "a pod with more GPUs than any type of its pool carries",
    config: dev({ cluster: { nodeGroups: { gpu: { instanceTypes: ["p3.2xlarge"] } } }, karpenter: { pools: { gpu: { limits: { gpus: 8 } } } }, layers: [layer("trainer", { capacityClass: "gpu", replicas: 1, resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "4Gi" }, gpus: 2 } })] }),
    issues: [issue("layers[0].resources.gpus", /a pod of trainer requests 2 GPUs .* more than any instance type of the gpu pool \(p3\.2xlarge\) .* at most 1 GPUs/)],
  },
  {
    title: "the stateful pool cannot be given spot capacity: there is no such key",
    config: dev({ karpenter: { pools: { stateful: { capacityType: "spot" } } } }),
    issues: [issue("karpenter.pools.stateful.capacityType", /unknown key/)],
  },
  {
    title: "an HPA whose peak exceeds its pool's CPU limit",
    config: dev({ layers: [layer("api", { capacityClass: "spot", resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } }, autoscaling: { minReplicas: 2, maxReplicas: 20 } })] }),
    // 20 replicas + 5 surge = 25 pods of 1.05 vCPU (sidecar included) = 26.25 vCPU against dev's 16.
    issues: [issue("karpenter.pools.spot.limits.cpu", /the spot pool's layers request 26\.25 vCPU at their peak .*: api 26\.25 vCPU; its limit is 16 vCPU \(the dev profile's default\): raise it or lower the layers' maxima/)],
  },
  {
    title: "a tenant copy's autoscaler taking the pool over its memory limit",
    config: dev({
      layers: [layer("front", { capacityClass: "spot", peers: ["agent"] }), layer("agent", { tenancy: "per-tenant", resources: { requests: { cpu: "100m", memory: "2Gi" }, limits: { memory: "2Gi" } }, autoscaling: { minReplicas: 2, maxReplicas: 4 } })],
      tenants: [{ name: "acme" }, { name: "globex", layers: { agent: { autoscaling: { maxReplicas: 10 } } } }],
      karpenter: { pools: { "on-demand": { limits: { memory: "24Gi" } } } },
    }),
    // acme 4 + 1 surge, globex 10 + 3 surge = 18 pods of 2 GiB + 64 MiB.
    issues: [issue("karpenter.pools.on-demand.limits.memory", /request 37\.13 GiB .*acme-agent 10\.31 GiB, globex-agent 26\.81 GiB; its limit is 24 GiB(?! \(the)/)],
  },
  {
    title: "a pod larger than every instance type of its pool",
    config: dev({ layers: [layer("solver", { resources: { requests: { cpu: "12", memory: "8Gi" }, limits: { memory: "8Gi" } } })], karpenter: { pools: { "on-demand": { limits: { cpu: 64 } } } } }),
    issues: [issue("layers[0].resources.requests.cpu", /a pod of solver requests 12\.05 vCPU .* more than any instance type of the on-demand pool .*sizes large, xlarge, 2xlarge.* at most 7\.61 vCPU/)],
  },
  {
    title: "a pod needing more memory than any node of its pool",
    config: dev({ layers: [layer("cache", { resources: { requests: { cpu: "1", memory: "80Gi" }, limits: { memory: "80Gi" } } })], karpenter: { pools: { "on-demand": { instances: { categories: ["c", "m"] }, limits: { memory: "512Gi" } } } } }),
    issues: [issue("layers[0].resources.requests.memory", /a pod of cache requests 80\.06 GiB .* at most 27\.\d+ GiB/)],
  },
  {
    title: "required anti-affinity beyond the pool's node limit",
    config: dev({ layers: [layer("quorum", { replicas: 5, antiAffinity: "required" })], karpenter: { pools: { "on-demand": { limits: { nodes: 4, cpu: 64 } } } } }),
    issues: [issue("karpenter.pools.on-demand.limits.nodes", /quorum has antiAffinity "required": its 7 pods at their peak need a node each, but the on-demand pool may have 4 nodes/)],
  },
  {
    title: "a spot share below the asked minimum",
    config: dev({ cluster: { spotShare: { min: 0.6 } }, layers: [layer("a", { capacityClass: "spot" }), layer("b"), layer("c")] }),
    issues: [issue("cluster.spotShare.min", /the layers put 33\.3 % of their requested CPU on spot at baseline \(spot 0\.3 vCPU, on-demand 0\.6 vCPU, gpu 0 vCPU, sidecars included\), below the 60\.0 % asked/)],
  },
  { title: "a spot share above 1", config: dev({ cluster: { spotShare: { min: 60 } } }), issues: [issue("cluster.spotShare.min", /<=1/)] },
  {
    title: "malformed durations and an unknown consolidation policy",
    config: dev({ karpenter: { pools: { spot: { consolidateAfter: "1 minute", expireAfter: "30d", consolidationPolicy: "Always" } } } }),
    issues: [
      issue("karpenter.pools.spot.consolidateAfter", /duration such as "30s", "5m" or "720h", or "Never"/),
      issue("karpenter.pools.spot.expireAfter", /duration such as/),
      issue("karpenter.pools.spot.consolidationPolicy", /expected one of "WhenEmptyOrUnderutilized"\|"WhenEmpty"\|"Balanced"/),
    ],
  },
  {
    title: "budgets: a schedule without a duration, a bad node count, an unknown reason, a bad cron",
    config: dev({ karpenter: { pools: { spot: { budgets: [{ nodes: "10%", schedule: "0 9 * * 1" }, { nodes: "ten" }, { nodes: 1, reasons: ["Expired"] }, { nodes: 0, schedule: "every day", duration: "8h" }] } } } }),
    issues: [
      issue("karpenter.pools.spot.budgets[0]", /schedule and duration come together/),
      issue("karpenter.pools.spot.budgets[1].nodes", /node count such as "2" or a share such as "10%"/),
      issue("karpenter.pools.spot.budgets[2].reasons[0]", /expected one of "Underutilized"\|"Empty"\|"Drifted"/),
      issue("karpenter.pools.spot.budgets[3].schedule", /./),
    ],
  },
  {
    title: "a maintenance window: an unknown day, a start that is no time, a duration that is no duration",
    config: dev({ karpenter: { maintenanceWindow: { day: "sun", start: "25:00", duration: "4 hours" } } }),
    issues: [
      issue("karpenter.maintenanceWindow.day", /expected one of "daily"\|"sunday"/),
      issue("karpenter.maintenanceWindow.start", /UTC time such as "02:00"/),
      issue("karpenter.maintenanceWindow.duration", /hours and minutes such as "4h"/),
    ],
  },
  { title: "a daily window of a whole day", config: dev({ karpenter: { maintenanceWindow: { day: "daily", start: "00:00", duration: "24h" } } }), issues: [issue("karpenter.maintenanceWindow.duration", /a daily window lasts more than 0 and less than 24h \(got 24h\)/)] },
  { title: "a typo in a pool's key, an unknown pool", config: dev({ karpenter: { pools: { spot: { limit: { cpu: 10 } }, system: {} } } }), issues: [issue("karpenter.pools.spot.limit", /did you mean "limits"/), issue("karpenter.pools.system", /unknown key/)] },
  { title: "limits that are no quantities", config: dev({ karpenter: { pools: { spot: { limits: { cpu: "lots", memory: "64 GB" } } } } }), issues: [issue("karpenter.pools.spot.limits.cpu", /./), issue("karpenter.pools.spot.limits.memory", /./)] },
  { title: "controller replicas out of range", config: dev({ karpenter: { replicas: 0 } }), issues: [issue("karpenter.replicas", />=1/)] },
];

describe("Karpenter config", () => {
  it(`the table holds distinct configs (${cases.length})`, () => {
    assert.equal(new Set(cases.map((c) => JSON.stringify(c.config))).size, cases.length);
  });

  describe("invalid (the real program, offline): exit 2's errors at their key paths, nothing registered", () => {
    itRejectsEachCase(cases);
  });

  it("resolution: config over the profile's defaults key by key; the window appends its budget to every pool's own", () => {
    const spec = specOf({ profile: "prod", karpenter: { pools: { spot: { limits: { cpu: 400 }, instances: { sizes: ["4xlarge"] } } }, maintenanceWindow: { day: "daily", start: "23:30", duration: "2h" } } });
    const spot = spec.karpenter!.pools.find((p) => p.pool === "spot")!;
    assert.deepEqual(spot.limits, { cpu: "400", memory: "480Gi" });
    assert.deepEqual(spot.instances, { kind: "requirements", categories: ["c", "m", "r"], minGeneration: 5, sizes: ["4xlarge"], gpu: false });
    // Daily from 23:30 for 2h: held from 01:30 for 22h.
    assert.deepEqual(spot.budgets, [{ nodes: "10%" }, { nodes: "0", schedule: "30 1 * * *", duration: "22h" }]);
    assert.equal(spec.karpenter!.replicas, 2);
    assert.equal(specOf({ profile: "dev" }).karpenter!.replicas, 1);
    assert.equal(specOf({ profile: "dev", cluster: { autoscaling: { mode: "none" } } }).karpenter, undefined);
    // Resolving shares nothing with the defaults.
    spot.budgets[0].nodes = "99%";
    assert.deepEqual(resolveKarpenter({}, [{ pool: "spot", capacityType: "SPOT", diskSizeGiB: 80 }], "prod").pools[0].budgets, [{ nodes: "10%" }]);
  });

  it(`the spot default draws from well over ${MIN_SPOT_INSTANCE_TYPES} types (counted in the sizes every family has)`, () => {
    for (const profile of ["dev", "prod"] as const) {
      const spot = specOf({ profile }).karpenter!.pools.find((p) => p.pool === "spot")!;
      assert.ok(countedInstanceTypes(spot.instances) >= 100, `${profile}: ${countedInstanceTypes(spot.instances)}`);
    }
    assert.deepEqual(selectedFamilies({ kind: "requirements", categories: ["m"], minGeneration: 8, gpu: false }), ["m8a", "m8i"]);
  });
});

describe("strata check: the pools' report, the peak-fit refusal (exit 2, key path)", function () {
  this.timeout(120_000);
  const tooBig = [layer("api", { capacityClass: "spot", autoscaling: { minReplicas: 2, maxReplicas: 200 } })];
  let dir: string;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  before(() => {
    dir = projectWithStacks({
      fits: { profile: "dev", layers: [layer("api", { capacityClass: "spot", autoscaling: { minReplicas: 2, maxReplicas: 6 } }), layer("batch")], cluster: { spotShare: { min: 0.4 } } },
      "too-big": { profile: "dev", layers: tooBig },
    });
  });

  it("prints per pool the baseline and peak requests against the limits, and the spot share at baseline and at peak", async () => {
    const out: string[] = [];
    const code = await check({ stack: "fits", projectDir: dir }, (t) => out.push(t), () => undefined);
    assert.equal(code, 0);
    const text = out.join("\n");
    assert.match(text, /^node pools \(Karpenter\): the application layers' requests/m);
    // api: 2 × 0.15 vCPU at baseline, 6 + 2 surge at peak; batch: 2 × 0.15 (dev's 2 replicas), peak 3.
    assert.match(text, /^ {2}spot +spot +0\.3 vCPU \/ 0\.38 GiB \(2 pods\) +1\.2 vCPU \/ 1\.5 GiB \(8 pods\) +16 vCPU \/ 64 GiB +8 %$/m);
    assert.match(text, /^ {2}on-demand +on-demand +0\.3 vCPU \/ 0\.38 GiB \(2 pods\) +0\.45 vCPU \/ 0\.56 GiB \(3 pods\) +8 vCPU \/ 32 GiB +6 %$/m);
    assert.match(text, /^spot share of the application layers' requested CPU: 50\.0 % at baseline, 72\.7 % at peak$/m);
    const json: string[] = [];
    await check({ stack: "fits", projectDir: dir, json: true }, (t) => json.push(t), () => undefined);
    const report = JSON.parse(json.join("\n")) as CheckReport;
    const karpenter = report.outputs.karpenter as any;
    assert.deepEqual(karpenter.nodePools.spot, { limits: { cpu: 16, memoryGiB: 64 }, baseline: { pods: 2, cpu: 0.3, memoryGiB: 0.375, gpus: 0 }, peak: { pods: 8, cpu: 1.2, memoryGiB: 1.5, gpus: 0 } });
    assert.deepEqual(karpenter.spotShare, { baseline: 0.5, peak: 0.727 });
  });

  it("refuses a stack whose autoscaler's peak exceeds its pool: exit 2, the limit's key path, nothing registered", async () => {
    const err: string[] = [];
    const json: string[] = [];
    const code = await check({ stack: "too-big", projectDir: dir, json: true }, (t) => json.push(t), (t) => err.push(t));
    assert.equal(code, 2);
    const report = JSON.parse(json.join("\n")) as InvalidConfigReport;
    assert.deepEqual(report.resources, []);
    assert.deepEqual(report.configErrors.map((e) => e.key), ["strata:karpenter.pools.spot.limits.cpu"]);
    assert.match(report.configErrors[0].message, /request 37\.5 vCPU at their peak .* its limit is 16 vCPU/);
    assert.match(err.join("\n"), /strata:karpenter\.pools\.spot\.limits\.cpu/);
  });
});
