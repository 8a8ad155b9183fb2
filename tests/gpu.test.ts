import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { POD_SECURITY_EXEMPTION_ANNOTATION } from "../manifests/namespace-exemption";
import { DEVICE_PLUGIN_LAYER, DEVICE_PLUGIN_NAMESPACE, DEVICE_PLUGIN_RELEASE } from "../capabilities/nvidia-device-plugin/desired-state";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { stackSubjects } from "../offline/policy-subjects";
import { labelKeys } from "../platform/labels";
import { nvidiaDevicePluginPin } from "../capabilities/nvidia-device-plugin";
import { nodePoolNames, nodePools } from "../platform/placement";
import { evaluatePolicies, mandatoryViolations } from "../policies/engine/evaluate";
import { POLICY_RULES } from "../policies/rules";
import { validateObjects } from "../validation";
import { assertOk, EXISTING, EXISTING_SERVICES, idOf, inputs, ofType, T } from "./cluster-support";
import { findObject, layerComponent, objectsOfLayer, onlyOne, selects, stackSpec, tolerates } from "./graph-support";
import { HELM_RELEASE_TYPE, kubernetesObjects, runValidConfig, runWithConfig, specOf, stackRun, STACKS, testLayer } from "./harness";
import { issue, itRejectsEachCase } from "./invalid-config-support";
import { renderSpec } from "./render-support";
import { stackPackSettings } from "./policy-support";

/**
 * The GPU pool, complete: NVIDIA instance families (seed 001 asks for p3.2xlarge), GPUs requested by the
 * layers that use them, and the NVIDIA device plugin that makes the nodes' GPUs schedulable.
 */

/** Seed 001's GPU pool: p3.2xlarge, 1/4/8, 200 GiB, on-demand. */
const SEED_GPU_POOL = { instanceTypes: ["p3.2xlarge"], minSize: 1, desiredSize: 4, maxSize: 8, diskSizeGiB: 200 };
/**
 * Node groups of fixed size (`cluster.autoscaling.mode: none`): the pool-size checks here are against their
 * nodes; with Karpenter, against the pool's limits (tests/karpenter-config.test.ts).
 */
const FIXED = { autoscaling: { mode: "none" } } as const;

describe("GPU instance families", () => {
  it("p3.2xlarge is a gpu pool type: the pool gets the NVIDIA node image and the seed's sizes", async () => {
    const run = assertOk(await runWithConfig({ profile: "prod", cluster: { ...FIXED, nodeGroups: { gpu: SEED_GPU_POOL } } }));
    const gpu = ofType(run, T.nodeGroup).filter((g) => inputs(g).labels?.[labelKeys.nodePool] === "gpu");
    assert.equal(gpu.length, 1);
    assert.deepEqual(inputs(gpu[0]).instanceTypes, ["p3.2xlarge"]);
    assert.equal(inputs(gpu[0]).amiType, "AL2023_x86_64_NVIDIA");
    assert.equal(inputs(gpu[0]).capacityType, "ON_DEMAND");
    assert.deepEqual(inputs(gpu[0]).scalingConfig, { minSize: 1, desiredSize: 4, maxSize: 8 });
    const template = ofType(run, T.launchTemplate).find((t) => idOf(t) === inputs(gpu[0]).launchTemplate.id)!;
    assert.equal(inputs(template).blockDeviceMappings[0].ebs.volumeSize, 200);
  });

  itRejectsEachCase([
    {
      title: "p3 and p3dn outside the gpu pool",
      config: { profile: "prod", cluster: { nodeGroups: { "on-demand": { instanceTypes: ["p3.2xlarge"] }, stateful: { instanceTypes: ["p3dn.24xlarge"] } } } },
      issues: [
        issue("cluster.nodeGroups.on-demand.instanceTypes[0]", /"p3\.2xlarge" is a GPU instance type: put GPU capacity in the gpu pool/),
        issue("cluster.nodeGroups.stateful.instanceTypes[0]", /"p3dn\.24xlarge" is a GPU instance type/),
      ],
    },
    {
      title: "an NVIDIA family of the ARM image (g5g) is not offered",
      config: { profile: "prod", cluster: { nodeGroups: { gpu: { instanceTypes: ["g5g.xlarge"] } } } },
      issues: [issue("cluster.nodeGroups.gpu.instanceTypes[0]", /unknown instance family "g5g"/)],
    },
  ]);
});

/** A pool of two 4-GPU nodes: 8 GPUs, what the layer below needs at its peak. */
const FOUR_GPU_POOL = { instanceTypes: ["p3.8xlarge"], minSize: 1, desiredSize: 2, maxSize: 4, diskSizeGiB: 200 };

/** A GPU layer (2 GPUs a pod, 1–3 replicas) and a CPU layer, on a cluster with a pool of 4-GPU nodes. */
const GPU_CONFIG = {
  profile: "prod",
  cluster: { ...FIXED, nodeGroups: { gpu: FOUR_GPU_POOL } },
  layers: [
    testLayer("trainer", {
      capacityClass: "gpu",
      resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "16Gi" }, gpus: 2 },
      autoscaling: { minReplicas: 1, maxReplicas: 3 },
      pdb: { maxUnavailable: 1 },
    }),
    testLayer("api"),
  ],
};

describe("GPUs per pod (resources.gpus)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await runValidConfig(GPU_CONFIG);
  });

  it("the container's limits carry nvidia.com/gpu: 2; its requests name no GPU (Kubernetes takes the limit)", () => {
    const deployment = findObject(objectsOfLayer(run, "trainer"), "Deployment", "trainer", "trainer") as any;
    const [app] = deployment.spec.template.spec.containers;
    assert.deepEqual(app.resources, { requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "16Gi", "nvidia.com/gpu": "2" } });
  });

  it("the ResourceQuota admits the layer's peak in GPUs: (3 replicas + 1 surge pod) × 2 = requests.nvidia.com/gpu 8", () => {
    const quota = findObject(objectsOfLayer(run, "trainer"), "ResourceQuota", "trainer", "layer-quota") as any;
    assert.equal(quota.spec.hard.pods, "4");
    assert.equal(quota.spec.hard["requests.nvidia.com/gpu"], "8");
    assert.ok(!Object.keys(quota.spec.hard).some((k) => k.startsWith("limits.nvidia.com")), "extended resources are quota'd by requests only");
  });

  it("a layer without gpus asks for none and its quota counts none", () => {
    const objects = objectsOfLayer(run, "api");
    const deployment = findObject(objects, "Deployment", "api", "api") as any;
    assert.ok(!JSON.stringify(deployment).includes("nvidia.com/gpu"));
    assert.ok(!JSON.stringify(findObject(objects, "ResourceQuota", "api", "layer-quota")).includes("nvidia.com/gpu"));
  });

  it("the Deployment and the ResourceQuota validate against the Kubernetes OpenAPI models", () => {
    const result = validateObjects(objectsOfLayer(run, "trainer"));
    assert.deepEqual(result.schemaErrors, []);
    assert.ok(result.validated > 0);
  });

  it("the GPU layer's pods wait for the device plugin's release; the CPU layer's do not", () => {
    const release = onlyOne(run.resources.filter((r) => r.type === HELM_RELEASE_TYPE && r.inputs.name === DEVICE_PLUGIN_RELEASE), "device plugin release");
    const deploymentOf = (layer: string) => run.resources.find((r) => r.parent === layerComponent(run.resources, layer).urn && (r.inputs as any).kind === "Deployment")!;
    assert.ok(deploymentOf("trainer").dependsOn.includes(release.urn));
    assert.ok(!deploymentOf("api").dependsOn.includes(release.urn));
  });

  itRejectsEachCase([
    {
      title: "GPUs on a layer outside the gpu pool",
      config: { ...GPU_CONFIG, layers: [testLayer("api", { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus: 1 } })] },
      issues: [issue("layers[0].resources.gpus", /GPUs are on the gpu pool only: set capacityClass: gpu \(the layer's is "on-demand"\)/)],
    },
    {
      title: "zero GPUs, more than an instance carries, a fraction",
      config: {
        ...GPU_CONFIG,
        layers: [0, 9, 0.5].map((gpus, i) => testLayer(`t${i}`, { capacityClass: "gpu", resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus } })),
      },
      issues: [issue("layers[0].resources.gpus", />=1|at least 1/i), issue("layers[1].resources.gpus", /<=8|at most 8/i), issue("layers[2].resources.gpus", /int/i)],
    },
    {
      title: "more GPUs per pod than a node of the pool carries (p3.2xlarge: 1)",
      config: { ...GPU_CONFIG, cluster: { ...FIXED, nodeGroups: { gpu: SEED_GPU_POOL } }, layers: [testLayer("trainer", { capacityClass: "gpu", replicas: 1, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus: 2 } })] },
      issues: [issue("layers[0].resources.gpus", /2 GPUs per pod, but a p3\.2xlarge node of the gpu pool carries 1/)],
    },
    {
      title: "the GPU layers at their peak need more GPUs than the pool's desired nodes carry (a tenant's copy counted with its sizes)",
      config: {
        ...GPU_CONFIG,
        cluster: { ...FIXED, nodeGroups: { gpu: SEED_GPU_POOL } },
        layers: [
          testLayer("trainer", { capacityClass: "gpu", replicas: 2, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus: 1 } }),
          testLayer("tuner", { capacityClass: "gpu", tenancy: "per-tenant", replicas: 1, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus: 1 } }),
        ],
        tenants: [{ name: "acme" }, { name: "globex", layers: { tuner: { replicas: 2 } } }],
      },
      issues: [
        issue(
          "cluster.nodeGroups.gpu.desiredSize",
          /the GPU layers need 8 GPUs at their peak \(trainer 3 \(2 replicas plus a rolling update's surge, 1 each\); acme-tuner 2 \(1 replica plus .*\); globex-tuner 3 \(2 replicas plus .*\)\)/,
          /the gpu pool's 4 nodes \(cluster\.nodeGroups\.gpu\.desiredSize; no node autoscaler adds more\) carry 4 \(1 per p3\.2xlarge\)/,
        ),
      ],
    },
    {
      title: "a GPU size its family does not come in",
      config: { profile: "prod", cluster: { nodeGroups: { gpu: { instanceTypes: ["p3.4xlarge"] } } } },
      issues: [issue("cluster.nodeGroups.gpu.instanceTypes[0]", /"p3\.4xlarge": p3 comes in sizes 2xlarge, 8xlarge, 16xlarge/)],
    },
    {
      title: "GPUs are the application layers' only: a data pod's resources refuse them",
      config: {
        profile: "prod",
        layers: [testLayer("api", { dataServices: { redis: {} } })],
        redis: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" }, gpus: 1 } },
      },
      issues: [issue("redis.resources.gpus", /unknown key|unrecognized/i)],
    },
  ]);
});

/** Whether a node with these labels satisfies a required node affinity (some term, every expression; In only). */
function satisfiesAffinity(affinity: any, labels: Record<string, string>): boolean {
  const terms: any[] = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms.some((term) => (term.matchExpressions ?? []).every((e: any) => e.operator === "In" && e.values.includes(labels[e.key])));
}

describe("the NVIDIA device plugin", () => {
  const releasesOf = (r: SucceededRun) => r.resources.filter((x) => x.type === HELM_RELEASE_TYPE && x.inputs.chart === nvidiaDevicePluginPin.name);

  describe("present exactly when the stack has GPU nodes", () => {
    for (const stack of STACKS) {
      it(`${stack} (no gpu pool): no plugin, its namespace, nor its layer in the desired state`, async () => {
        const run = await stackRun(stack);
        assert.deepEqual(releasesOf(run), []);
        assert.ok(!kubernetesObjects(run.resources).some((o) => o.metadata.namespace === DEVICE_PLUGIN_NAMESPACE || o.metadata.name === DEVICE_PLUGIN_NAMESPACE));
        assert.ok(!renderSpec(stackSpec(stack)).tree.layers.some((l) => l.name === DEVICE_PLUGIN_LAYER));
      });
    }

    it("EKS with a gpu pool, even with no layer on it yet: one release, at its pin, in its own namespace", async () => {
      const run = await runValidConfig({ profile: "dev", cluster: { nodeGroups: { gpu: {} } } });
      const release = onlyOne(releasesOf(run), "device plugin release");
      assert.deepEqual(
        [release.inputs.chart, (release.inputs.repositoryOpts as { repo?: string })?.repo, release.inputs.version, release.inputs.namespace],
        ["nvidia-device-plugin", "https://nvidia.github.io/k8s-device-plugin", nvidiaDevicePluginPin.version, "nvidia-device-plugin"],
      );
    });

    it("an existing cluster: with a gpu-class layer (its nodes are the team's), not without", async () => {
      const existing = { profile: "dev", cluster: EXISTING, ...EXISTING_SERVICES };
      const withGpu = await runValidConfig({ ...existing, layers: [testLayer("trainer", { capacityClass: "gpu" })] });
      assert.equal(releasesOf(withGpu).length, 1);
      assert.deepEqual(releasesOf(await runValidConfig({ ...existing, layers: [testLayer("api")] })), []);
    });
  });

  itRejectsEachCase([
    {
      title: "no application layer takes the plugin's namespace (nor, so, its directory in a render)",
      config: { ...GPU_CONFIG, layers: [testLayer(DEVICE_PLUGIN_NAMESPACE)] },
      issues: [issue("layers[0].name", /"nvidia-device-plugin" is a reserved namespace/)],
    },
  ]);

  describe("on a stack with the gpu pool", () => {
    let run: SucceededRun;
    let release: RecordedResource;
    before(async () => {
      run = await runValidConfig(GPU_CONFIG);
      release = onlyOne(releasesOf(run), "device plugin release");
    });

    it("its pods land on the gpu pool's nodes only: selected and admitted there, refused or untolerated on every other pool", () => {
      const values = release.inputs.values as any;
      for (const pool of nodePoolNames) {
        const { nodeLabels, taints } = nodePools[pool];
        const schedulable = selects(values.nodeSelector, nodeLabels) && satisfiesAffinity(values.affinity, nodeLabels) && taints.every((t) => values.tolerations.some((x: any) => tolerates(x, t)));
        assert.equal(schedulable, pool === "gpu", `${pool}: schedulable ${schedulable}`);
      }
      // Tolerating only the gpu taint: no blanket toleration (the chart's CriticalAddonsOnly is gone too).
      assert.deepEqual(values.tolerations, [{ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    });

    it("its namespace is privileged with the reason on it, closed by a default deny, and the release waits for them", () => {
      const objects = kubernetesObjects(run.resources).filter((o) => o.metadata.name === DEVICE_PLUGIN_NAMESPACE || o.metadata.namespace === DEVICE_PLUGIN_NAMESPACE);
      const namespace = findObject(objects, "Namespace", undefined, DEVICE_PLUGIN_NAMESPACE);
      assert.equal(namespace.metadata.labels!["pod-security.kubernetes.io/enforce"], "privileged");
      assert.match(namespace.metadata.annotations![POD_SECURITY_EXEMPTION_ANNOTATION], /hostPath \/var\/lib\/kubelet\/device-plugins/);
      assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), ["Namespace/nvidia-device-plugin", "NetworkPolicy/default-deny-all"]);
      const prerequisites = run.resources.filter((r) => r.parent === release.parent && r.urn !== release.urn).map((r) => r.urn);
      assert.deepEqual([...release.dependsOn].sort(), prerequisites.sort());
    });

    for (const stack of STACKS) {
      it(`policies/config/${stack}.json exempts its namespace from the restricted profile, with a reason naming the host path`, () => {
        const settings = stackPackSettings(stack);
        const exemption = settings.get("namespace-restricted-pod-security")!.options.exemptions.find((e) => e.namespace === DEVICE_PLUGIN_NAMESPACE);
        assert.ok(exemption, "no exemption");
        assert.match(exemption.reason, /\/var\/lib\/kubelet\/device-plugins/);
      });
    }

    it("the stack passes the prod pack config; the exemption sets aside exactly the plugin's namespace", () => {
      const report = evaluatePolicies(stackSubjects(run.resources), POLICY_RULES, stackPackSettings("prod"));
      assert.deepEqual(mandatoryViolations(report), []);
      const applied = report.exemptions.filter((e) => e.namespace === DEVICE_PLUGIN_NAMESPACE && e.suppressed > 0);
      assert.deepEqual(applied.map((e) => [e.rule, e.suppressed]), [["namespace-restricted-pod-security", 1]]);
    });

    it("the render writes it as its own layer: its objects and one helmCharts entry, the same spec the release installs", () => {
      const { tree } = renderSpec(specOf(GPU_CONFIG));
      const layer = tree.layers.find((l) => l.name === DEVICE_PLUGIN_LAYER)!;
      assert.ok(layer, "no nvidia-device-plugin layer");
      assert.deepEqual(layer.objects.map((o) => `${o.kind}/${o.metadata.name}`), ["Namespace/nvidia-device-plugin", "NetworkPolicy/default-deny-all"]);
      const kustomization = parse(tree.files.get(`${DEVICE_PLUGIN_LAYER}/kustomization.yaml`)!);
      assert.deepEqual(kustomization.helmCharts, [
        {
          name: "nvidia-device-plugin",
          repo: "https://nvidia.github.io/k8s-device-plugin",
          version: nvidiaDevicePluginPin.version,
          releaseName: DEVICE_PLUGIN_RELEASE,
          namespace: DEVICE_PLUGIN_NAMESPACE,
          includeCRDs: true,
          valuesInline: release.inputs.values,
        },
      ]);
      // Before the application layers: their GPU pods need it.
      const order = tree.layers.map((l) => l.name);
      assert.ok(order.indexOf(DEVICE_PLUGIN_LAYER) < order.indexOf("trainer"));
    });
  });
});
