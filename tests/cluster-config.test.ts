import { strict as assert } from "node:assert";
import type { EksClusterSpec } from "../capabilities/cluster";
import { validateStackConfig } from "../stack";
import { clusterProfileDefaults } from "../capabilities/cluster/defaults";
import { defaultClusterName } from "../capabilities/cluster/resolve";
import { stackConfigSchema } from "../stack";
import { KUBERNETES_VERSION } from "../platform/versions";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { asStackConfig, runWithConfig, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * The `cluster` key: what it resolves to (profile defaults, overrides), and invalid cluster config run
 * through the real program: every problem at its key path, nothing registered.
 */

function eks(config: Record<string, unknown>): EksClusterSpec {
  const result = validateStackConfig(asStackConfig(config));
  if (!result.ok) assert.fail(`rejected: ${JSON.stringify(result.issues)}`);
  assert.equal(result.spec.cluster.mode, "eks");
  return result.spec.cluster as EksClusterSpec;
}

const pools = (spec: EksClusterSpec) => spec.nodeGroups.map((g) => g.pool);
const autoscaled = (spec: EksClusterSpec) => (spec.autoscaling.mode === "karpenter" ? spec.autoscaling.pools : []);
/** Managed node groups of fixed size for every pool (`cluster.autoscaling.mode: none`). */
const FIXED = { autoscaling: { mode: "none" } };
const group = (spec: EksClusterSpec, pool: string) => spec.nodeGroups.find((g) => g.pool === pool)!;

describe("cluster config: resolution", () => {
  it("no cluster key: an EKS cluster with the profile's defaults (dev: one NAT gateway, public endpoint allowed)", () => {
    const dev = eks({ profile: "dev" });
    assert.equal(dev.natGateways, "single");
    assert.deepEqual(dev.endpoint, { publicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] });
    assert.equal(dev.kubernetesVersion, KUBERNETES_VERSION);
    assert.deepEqual(dev.availabilityZones, { count: 3 });
    assert.equal(dev.vpcCidr, "10.0.0.0/16");
    assert.equal(dev.name, undefined, "the program derives it from the project and stack");
    // Karpenter sizes every pool but system, which stays a managed node group.
    assert.deepEqual(pools(dev), ["system"]);
    assert.deepEqual(autoscaled(dev), [
      { pool: "stateful", capacityType: "ON_DEMAND", diskSizeGiB: 50 },
      { pool: "on-demand", capacityType: "ON_DEMAND", diskSizeGiB: 50 },
      { pool: "spot", capacityType: "SPOT", diskSizeGiB: 50 },
    ]);
    assert.equal(dev.spotShare, undefined);
    assert.deepEqual(pools(eks({ profile: "dev", cluster: FIXED })), ["system", "stateful", "on-demand", "spot"]);
    assert.deepEqual(dev.storage, { volumeReclaimPolicy: "Delete" });
  });

  it("prod: a NAT gateway per zone, a private endpoint, every log type, data kept", () => {
    const prod = eks({ profile: "prod" });
    assert.equal(prod.natGateways, "one-per-az");
    assert.deepEqual(prod.endpoint, { publicAccess: false, publicAccessCidrs: [] });
    assert.deepEqual(prod.logTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    assert.equal(prod.logRetentionDays, 90);
    assert.deepEqual(prod.storage, { volumeReclaimPolicy: "Retain" });
    assert.ok(prod.buckets.every((b) => !b.forceDestroy));
    // Capacity types follow placement: only the spot pool is SPOT, whoever sizes the pools.
    assert.deepEqual([...prod.nodeGroups, ...autoscaled(prod)].map((g) => [g.pool, g.capacityType]), [
      ["system", "ON_DEMAND"],
      ["stateful", "ON_DEMAND"],
      ["on-demand", "ON_DEMAND"],
      ["spot", "SPOT"],
    ]);
    assert.deepEqual(eks({ profile: "prod", cluster: FIXED }).nodeGroups.map((g) => [g.pool, g.capacityType, g.perZone]), [
      ["system", "ON_DEMAND", false],
      ["stateful", "ON_DEMAND", true],
      ["on-demand", "ON_DEMAND", false],
      ["spot", "SPOT", false],
    ]);
  });

  it("explicit keys override the profile, field by field; a node group keeps the defaults of fields it does not set", () => {
    const spec = eks({
      profile: "prod",
      cluster: {
        name: "ai-prod",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        vpcCidr: "10.42.0.0/18",
        natGateways: "single",
        logRetentionDays: 365,
        nodeGroups: { spot: { maxSize: 50 }, gpu: { capacityType: "SPOT" } },
        ...FIXED,
      },
    });
    assert.equal(spec.name, "ai-prod");
    assert.deepEqual(spec.availabilityZones, { names: ["eu-west-1a", "eu-west-1b"] });
    assert.equal(spec.vpcCidr, "10.42.0.0/18");
    assert.equal(spec.natGateways, "single");
    assert.equal(spec.logRetentionDays, 365);
    const spot = group(spec, "spot");
    const d = clusterProfileDefaults.prod.nodeGroups.spot;
    assert.deepEqual([spot.minSize, spot.desiredSize, spot.maxSize, spot.instanceTypes], [d.minSize, d.desiredSize, 50, d.instanceTypes]);
    assert.deepEqual(pools(spec), ["system", "stateful", "on-demand", "spot", "gpu"]);
    assert.equal(group(spec, "gpu").capacityType, "SPOT");
  });

  it("existing mode resolves to the configured connection, OIDC provider, buckets", () => {
    const result = validateStackConfig(asStackConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS }));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.spec.cluster, {
      mode: "existing",
      name: EXISTING.name,
      kubeconfig: EXISTING.kubeconfig,
      context: EXISTING.context,
      oidcProvider: { arn: EXISTING.oidcProviderArn, url: EXISTING.oidcProviderUrl },
      vpcCidr: EXISTING.vpcCidr,
      buckets: EXISTING.buckets,
    });
  });

  it("resolving leaves the input untouched and shares nothing with the profile defaults", () => {
    const config = { profile: "dev", cluster: { nodeGroups: { spot: { minSize: 1 } }, ...FIXED } };
    const before = structuredClone(config);
    const spec = eks(config);
    assert.deepEqual(config, before);
    group(spec, "spot").instanceTypes.push("m7i.large");
    spec.buckets[0].lifecycleRules.pop();
    assert.equal(eks({ profile: "dev" }).buckets[0].lifecycleRules.length, clusterProfileDefaults.dev.bucketLifecycleRules.backups.length);
    assert.deepEqual(group(eks({ profile: "dev", cluster: FIXED }), "spot").instanceTypes, clusterProfileDefaults.dev.nodeGroups.spot.instanceTypes);
  });

  it("the default cluster name is `<project>-<stack>`, made a valid name", () => {
    assert.equal(defaultClusterName("strata", "prod"), "strata-prod");
    assert.equal(defaultClusterName("strata", "Team_A.eu"), "strata-team-a-eu");
    assert.equal(defaultClusterName("9lives", "x"), "lives-x");
    assert.ok(defaultClusterName("strata", "a".repeat(80)).length <= 40);
  });

  it("the JSON Schema documents both modes", () => {
    const { z } = require("zod") as typeof import("zod");
    const schema = z.toJSONSchema(stackConfigSchema, { io: "input" }) as any;
    const modes = schema.properties.cluster.oneOf.map((o: any) => o.properties.mode.const);
    assert.deepEqual(modes, ["eks", "existing"]);
    for (const option of schema.properties.cluster.oneOf) assert.equal(option.additionalProperties, false);
  });
});

const prod = (cluster: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ profile: "prod", cluster, ...extra });
const existing = (patch: Record<string, unknown>) => {
  const config: Record<string, unknown> = { ...EXISTING, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete config[k];
  return { profile: "prod", cluster: config, ...EXISTING_LAYERS };
};

const cases: InvalidCase[] = [
  { title: "no availability zones", config: prod({ availabilityZones: [] }), issues: [issue("cluster.availabilityZones", />=2 items/)] },
  { title: "a single availability zone", config: prod({ availabilityZones: ["eu-west-1a"] }), issues: [issue("cluster.availabilityZones", />=2 items/)] },
  { title: "a malformed zone name", config: prod({ availabilityZones: ["eu-west-1a", "west"] }), issues: [issue("cluster.availabilityZones[1]", /availability zone name/)] },
  { title: "a zone listed twice", config: prod({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }), issues: [issue("cluster.availabilityZones[1]", /listed twice/)] },
  {
    title: "a zone outside aws:region",
    config: prod({ availabilityZones: ["eu-west-1a", "eu-central-1b"] }, { "aws:region": "eu-west-1" }),
    issues: [issue("cluster.availabilityZones[1]", /"eu-central-1b" is not in region eu-west-1 \(aws:region\)/)],
  },
  {
    title: "zones and a zone count",
    config: prod({ availabilityZones: ["eu-west-1a", "eu-west-1b"], availabilityZoneCount: 3 }),
    issues: [issue("cluster.availabilityZoneCount", /either availabilityZones .* or availabilityZoneCount/)],
  },
  { title: "seven zones", config: prod({ availabilityZoneCount: 7 }), issues: [issue("cluster.availabilityZoneCount", /<=6/)] },
  { title: "node group minSize above maxSize", config: prod({ ...FIXED, nodeGroups: { "on-demand": { minSize: 5, maxSize: 3 } } }), issues: [issue("cluster.nodeGroups.on-demand.minSize", /minSize 5 is above maxSize 3/)] },
  {
    title: "minSize above the profile's maxSize",
    config: prod({ nodeGroups: { system: { minSize: 9 } } }),
    issues: [issue("cluster.nodeGroups.system.minSize", /minSize 9 is above maxSize 6 \(profile default\)/)],
  },
  {
    title: "desiredSize outside [minSize, maxSize]",
    config: prod({ ...FIXED, nodeGroups: { spot: { minSize: 3, desiredSize: 40, maxSize: 30 } } }),
    issues: [issue("cluster.nodeGroups.spot.desiredSize", /desiredSize 40 is outside \[minSize 3, maxSize 30\]/)],
  },
  {
    title: "maxSize below the profile's desiredSize",
    config: prod({ ...FIXED, nodeGroups: { spot: { maxSize: 4 } } }),
    issues: [issue("cluster.nodeGroups.spot.maxSize", /desiredSize 6 \(profile default\) is outside \[minSize 3 \(profile default\), maxSize 4\]/)],
  },
  {
    title: "a spot group with one instance type",
    config: prod({ ...FIXED, nodeGroups: { spot: { instanceTypes: ["m6i.xlarge"] } } }),
    issues: [issue("cluster.nodeGroups.spot.instanceTypes", /at least 3 instance types \(got 1\)/)],
  },
  {
    title: "a spot GPU group with the default (3) types is fine, with two it is not",
    config: prod({ ...FIXED, nodeGroups: { gpu: { capacityType: "SPOT", instanceTypes: ["g5.xlarge", "g6.xlarge"] } } }),
    issues: [issue("cluster.nodeGroups.gpu.instanceTypes", /at least 3 instance types \(got 2\)/)],
  },
  {
    title: "an unknown instance family",
    config: prod({ nodeGroups: { "on-demand": { instanceTypes: ["q9z.large"] } } }),
    issues: [issue("cluster.nodeGroups.on-demand.instanceTypes[0]", /unknown instance family "q9z"/, /known families: .*m6i/)],
  },
  {
    title: "a malformed instance type",
    config: prod({ nodeGroups: { stateful: { instanceTypes: ["r6i"] } } }),
    issues: [issue("cluster.nodeGroups.stateful.instanceTypes[0]", /not an EC2 instance type/)],
  },
  {
    title: "an instance size that does not exist",
    config: prod({ nodeGroups: { stateful: { instanceTypes: ["r6i.huge"] } } }),
    issues: [issue("cluster.nodeGroups.stateful.instanceTypes[0]", /not an EC2 instance type/)],
  },
  {
    title: "x86_64 and arm64 in one group",
    config: prod({ ...FIXED, nodeGroups: { spot: { instanceTypes: ["m6i.xlarge", "m6g.xlarge", "m7i.xlarge"] } } }),
    issues: [issue("cluster.nodeGroups.spot.instanceTypes", /mixes x86_64 \(m6i\.xlarge\) and arm64 \(m6g\.xlarge\)/)],
  },
  {
    title: "a GPU type outside the gpu pool, a CPU type in it",
    config: prod({ nodeGroups: { "on-demand": { instanceTypes: ["g5.xlarge"] }, gpu: { instanceTypes: ["m6i.xlarge"] } } }),
    issues: [issue("cluster.nodeGroups.on-demand.instanceTypes[0]", /GPU instance type/), issue("cluster.nodeGroups.gpu.instanceTypes[0]", /no NVIDIA GPU/)],
  },
  { title: "a system pool that may shrink to nothing", config: prod({ nodeGroups: { system: { minSize: 0 } } }), issues: [issue("cluster.nodeGroups.system.minSize", /at least one node/)] },
  { title: "capacityType outside the gpu pool", config: prod({ nodeGroups: { spot: { capacityType: "ON_DEMAND" } } }), issues: [issue("cluster.nodeGroups.spot.capacityType", /unknown key/)] },
  { title: "an unknown pool", config: prod({ nodeGroups: { spto: {} } }), issues: [issue("cluster.nodeGroups.spto", /did you mean "spot"/)] },
  { title: "a root disk below 20 GiB", config: prod({ nodeGroups: { system: { diskSizeGiB: 8 } } }), issues: [issue("cluster.nodeGroups.system.diskSizeGiB", />=20/)] },
  {
    title: "a gpu layer without a gpu pool",
    config: prod({}, { layers: [{ name: "trainer", image: "registry.example.com/t:1.0.0", capacityClass: "gpu" }] }),
    issues: [issue("layers[0].capacityClass", /no gpu node group/)],
  },
  { title: "a VPC CIDR with host bits", config: prod({ vpcCidr: "10.0.1.0/16" }), issues: [issue("cluster.vpcCidr", /host bits set/, /10\.0\.0\.0\/16/)] },
  { title: "a VPC too small for the layout", config: prod({ vpcCidr: "10.0.0.0/24" }), issues: [issue("cluster.vpcCidr", /\/24 VPC is not supported: use \/16 to \/22/)] },
  { title: "not a CIDR", config: prod({ vpcCidr: "10.0.0.0" }), issues: [issue("cluster.vpcCidr", /not an IPv4 CIDR block/)] },
  {
    title: "a public prod endpoint without CIDRs",
    config: prod({ endpoint: { publicAccess: true } }),
    issues: [issue("cluster.endpoint.publicAccessCidrs", /public endpoint in prod must be limited/)],
  },
  {
    title: "a prod endpoint open to the world",
    config: prod({ endpoint: { publicAccess: true, publicAccessCidrs: ["10.1.0.0/16", "0.0.0.0/0"] } }),
    issues: [issue("cluster.endpoint.publicAccessCidrs[1]", /whole internet/)],
  },
  {
    title: "CIDRs for a private endpoint",
    config: prod({ endpoint: { publicAccessCidrs: ["198.51.100.0/24"] } }),
    issues: [issue("cluster.endpoint.publicAccessCidrs", /has no effect: the prod profile's endpoint is private/)],
  },
  { title: "a log type twice", config: prod({ logTypes: ["api", "audit", "api"] }), issues: [issue("cluster.logTypes[2]", /log type "api" is listed twice/)] },
  { title: "an unknown log type", config: prod({ logTypes: ["kubelet"] }), issues: [issue("cluster.logTypes[0]", /expected one of/)] },
  { title: "a retention CloudWatch does not offer", config: prod({ logRetentionDays: 10 }), issues: [issue("cluster.logRetentionDays", /one of CloudWatch's retention periods/)] },
  { title: "an unsupported Kubernetes version", config: prod({ kubernetesVersion: "1.29" }), issues: [issue("cluster.kubernetesVersion", /1\.29 is not supported: Strata runs 1\.30 to 1\.34/)] },
  { title: "a Kubernetes version that is no version", config: prod({ kubernetesVersion: "latest" }), issues: [issue("cluster.kubernetesVersion", /minor version/)] },
  { title: "an upper-case cluster name", config: prod({ name: "AI-Prod" }), issues: [issue("cluster.name", /DNS-1035/)] },
  {
    title: "an access entry that is not an IAM ARN, a principal twice",
    config: prod({
      accessEntries: [
        { principalArn: "admins", accessPolicy: "view" },
        { principalArn: "arn:aws:iam::123456789012:role/a", accessPolicy: "view" },
        { principalArn: "arn:aws:iam::123456789012:role/a", accessPolicy: "edit" },
      ],
    }),
    issues: [issue("cluster.accessEntries[0].principalArn", /ARN of an IAM role or user/), issue("cluster.accessEntries[2].principalArn", /listed twice/)],
  },
  {
    title: "lifecycle rules: no action, a duplicate id, an early IA transition, expiry before a transition",
    config: prod({
      buckets: {
        backups: {
          lifecycleRules: [
            { id: "a" },
            { id: "b", transitions: [{ days: 10, storageClass: "STANDARD_IA" }] },
            { id: "b", transitions: [{ days: 60, storageClass: "GLACIER" }], expirationDays: 30 },
          ],
        },
      },
    }),
    issues: [
      issue("cluster.buckets.backups.lifecycleRules[0]", /needs an action/),
      issue("cluster.buckets.backups.lifecycleRules[1].transitions[0].days", /after 30 days at the earliest/),
      issue("cluster.buckets.backups.lifecycleRules[2].id", /rule id "b" is listed twice/),
      issue("cluster.buckets.backups.lifecycleRules[2].expirationDays", /expire after 30 days, before or when they transition \(day 60\)/),
    ],
  },
  { title: "an unknown bucket purpose", config: prod({ buckets: { logs: {} } }), issues: [issue("cluster.buckets.logs", /unknown key/)] },
  { title: "an unknown mode", config: prod({ mode: "gke" }), issues: [issue("cluster.mode", /mode must be "eks" \(the default\) or "existing"/)] },
  { title: "existing mode without kubeconfig or context", config: existing({ kubeconfig: undefined, context: undefined }), issues: [issue("cluster.kubeconfig", /needs a kubeconfig .* or a context/)] },
  {
    title: "existing mode without OIDC provider, VPC CIDR or bucket names",
    config: existing({ oidcProviderArn: undefined, oidcProviderUrl: undefined, vpcCidr: undefined, buckets: { backups: "team-velero" } }),
    issues: [
      issue("cluster.oidcProviderArn", /expected string/),
      issue("cluster.oidcProviderUrl", /expected string/),
      issue("cluster.vpcCidr", /expected string/),
      issue("cluster.buckets.metrics", /expected string/),
      issue("cluster.buckets.postgres", /expected string/),
    ],
  },
  {
    title: "existing mode: an OIDC URL that is not the provider's, a bad bucket name",
    config: existing({ oidcProviderUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHER", buckets: { ...EXISTING.buckets, metrics: "Thanos_Blocks" } }),
    issues: [issue("cluster.oidcProviderUrl", /does not match oidcProviderArn/), issue("cluster.buckets.metrics", /S3 bucket name/)],
  },
  {
    title: "existing mode with EKS-only keys",
    config: existing({ nodeGroups: { spot: {} }, natGateways: "single" }),
    issues: [issue("cluster.nodeGroups", /applies to mode "eks" only \(this mode is "existing"\)/), issue("cluster.natGateways", /applies to mode "eks" only/)],
  },
  { title: "eks mode with an existing-only key", config: prod({ kubeconfig: "x" }), issues: [issue("cluster.kubeconfig", /applies to mode "existing" only \(this mode is "eks"\)/)] },
  {
    title: "an add-on version that is not an EKS build, an add-on EKS does not manage here",
    config: prod({ addonVersions: { coredns: "1.11.4", "aws-efs-csi-driver": "v2.1.0-eksbuild.1" } }),
    issues: [issue("cluster.addonVersions.coredns", /EKS add-on version such as "v1\.20\.0-eksbuild\.1"/), issue("cluster.addonVersions.aws-efs-csi-driver", /unknown key/i)],
  },
  { title: "a typo in a cluster key", config: prod({ nodeGroup: {} }), issues: [issue("cluster.nodeGroup", /did you mean "nodeGroups"/)] },
  { title: "cluster not an object", config: prod("eks" as unknown as Record<string, unknown>), issues: [issue("cluster", /expected object/)] },
];

describe("cluster config: invalid (the real program, offline)", () => {
  it(`the table holds distinct configs (${cases.length})`, () => {
    assert.equal(new Set(cases.map((c) => JSON.stringify(c.config))).size, cases.length);
  });

  itRejectsEachCase(cases);

  it("every cluster problem, with the layers' and the profile's, in one pass", async () => {
    const config = {
      profile: "prod",
      layers: [{ name: "a", image: "nginx:latest", capacityClass: "gpu" }],
      cluster: {
        availabilityZones: [],
        vpcCidr: "10.0.0.0/8",
        endpoint: { publicAccess: true },
        nodeGroups: { spot: { instanceTypes: ["m6i.large"], minSize: 4, maxSize: 2 }, system: { instanceTypes: ["z9.large"] } },
        ...FIXED,
        zones: 3,
      },
    };
    const expected = [
      "layers[0].image",
      "layers[0].capacityClass",
      "cluster.availabilityZones",
      "cluster.vpcCidr",
      "cluster.endpoint.publicAccessCidrs",
      "cluster.nodeGroups.spot.instanceTypes",
      "cluster.nodeGroups.spot.minSize",
      "cluster.nodeGroups.system.instanceTypes[0]",
      "cluster.zones",
    ];
    const run = await runWithConfig(config);
    assert.equal(run.ok, false);
    if (run.ok) return;
    assert.deepEqual(run.issues.map((i) => i.path).sort(), [...expected].sort(), JSON.stringify(run.issues, null, 2));
    assert.equal(run.resources.length, 0);
    // The program and the validator agree.
    const direct = validateStackConfig(asStackConfig(config));
    assert.ok(!direct.ok);
    assert.deepEqual(run.issues, !direct.ok && direct.issues);
  });
});

describe("existing mode: what the capabilities must be told is reported whatever else is wrong", () => {
  // The cluster resolves only when the whole config is clean; the capabilities that need its mode read it as
  // written otherwise, so one typo elsewhere never hides these.
  const roleAndRegion = ["backup.roleArn", "backup.region", "observability.thanos.roleArns", "observability.thanos.region", "postgres.backups.roleArn", "postgres.backups.region"];
  const layers = [testLayer("a", { dataServices: { postgres: {} } })];

  for (const [title, config, extra] of [
    ["a clean config", { profile: "prod", cluster: EXISTING, layers }, []],
    ["a typo in a layer", { profile: "prod", cluster: EXISTING, layers: [{ ...layers[0], replica: 3 }] }, ["layers[0].replica"]],
    ["a typo in the cluster", { profile: "prod", cluster: { ...EXISTING, contex: "x" }, layers }, ["cluster.contex"]],
  ] as const) {
    it(`${title}: every role and region the existing cluster must name, with their paths`, () => {
      const result = validateStackConfig(asStackConfig(config));
      assert.ok(!result.ok);
      assert.deepEqual([...new Set(result.issues.map((i) => i.path))].sort(), [...roleAndRegion, ...extra].sort(), JSON.stringify(result.issues, null, 2));
    });
  }
});
