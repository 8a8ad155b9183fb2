import { strict as assert } from "node:assert";
import { karpenterNodeInstanceProfileName, KARPENTER_DISCOVERY_TAG } from "../capabilities/cluster";
import { karpenterPin, NODE_IMAGE_ALIAS } from "../capabilities/karpenter";
import { clusterProfileDefaults } from "../capabilities/cluster/defaults";
import { karpenterProfileDefaults } from "../capabilities/karpenter/defaults";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { nodePools, podPlacement, type Taint } from "../platform/placement";
import { assertOk, inputs } from "./cluster-support";
import { findObject, objectsOfLayer, selects, stackSpec, tolerates } from "./graph-support";
import { kubernetesObjects, runWithConfig, stackRun, STACKS, testLayer } from "./harness";

/**
 * The NodePools and EC2NodeClasses Karpenter gets, on the real program under mocks: one NodePool per pool with
 * the placement definition's labels and taints (so every layer's pods select exactly their pool's NodePool),
 * its capacity type, its instance requirements, its limits and disruption; the node classes' IMDSv2, encrypted
 * root volume, pinned image and discovery selectors; and what a configured GPU pool and instance list give.
 */

const karpenterObjects = (resources: Parameters<typeof kubernetesObjects>[0]) => kubernetesObjects(resources).filter((o) => o.apiVersion.startsWith("karpenter."));
const nodePoolsOf = (objects: KubernetesObject[]) => objects.filter((o) => o.kind === "NodePool") as any[];
const requirement = (pool: any, key: string) => pool.spec.template.spec.requirements.find((r: any) => r.key === key);

describe("Karpenter NodePools and EC2NodeClasses", function () {
  this.timeout(120_000);
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: a NodePool per pool but system, with exactly the placement definition's labels and taints`, async () => {
        const pools = nodePoolsOf(karpenterObjects((await stackRun(stack)).resources));
        assert.deepEqual(pools.map((p) => p.metadata.name).sort(), ["on-demand", "spot", "stateful"]);
        for (const p of pools) {
          const placement = nodePools[p.metadata.name as keyof typeof nodePools];
          assert.deepEqual(p.spec.template.metadata.labels, placement.nodeLabels, p.metadata.name);
          assert.deepEqual(p.spec.template.spec.taints ?? [], placement.taints, p.metadata.name);
        }
      });

      it(`${stack}: capacity types follow the pools: spot on spot only, stateful and on-demand on on-demand only; amd64 Linux`, async () => {
        const pools = nodePoolsOf(karpenterObjects((await stackRun(stack)).resources));
        for (const p of pools) {
          const capacity = requirement(p, "karpenter.sh/capacity-type");
          assert.deepEqual([capacity.operator, capacity.values], ["In", [p.metadata.name === "spot" ? "spot" : "on-demand"]], p.metadata.name);
          assert.deepEqual(requirement(p, "kubernetes.io/arch").values, ["amd64"]);
          assert.deepEqual(requirement(p, "kubernetes.io/os").values, ["linux"]);
        }
      });

      it(`${stack}: the spot pool is diversified by category, generation and size (no fixed list); limits and disruption are the profile's`, async () => {
        const pools = nodePoolsOf(karpenterObjects((await stackRun(stack)).resources));
        const spot = pools.find((p) => p.metadata.name === "spot");
        const d = karpenterProfileDefaults[stack].pools.spot;
        assert.equal(requirement(spot, "node.kubernetes.io/instance-type"), undefined);
        assert.deepEqual(requirement(spot, "karpenter.k8s.aws/instance-category"), { key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["c", "m", "r"] });
        assert.deepEqual(requirement(spot, "karpenter.k8s.aws/instance-generation"), { key: "karpenter.k8s.aws/instance-generation", operator: "Gte", values: ["5"] });
        assert.deepEqual(requirement(spot, "karpenter.k8s.aws/instance-size").values, d.instances.sizes);
        for (const p of pools) {
          const own = karpenterProfileDefaults[stack].pools[p.metadata.name as "spot"];
          assert.deepEqual(p.spec.limits, { cpu: own.limits.cpu, memory: own.limits.memory }, p.metadata.name);
          assert.deepEqual(p.spec.disruption, { consolidationPolicy: own.consolidationPolicy, consolidateAfter: own.consolidateAfter, budgets: own.budgets }, p.metadata.name);
          assert.equal(p.spec.template.spec.expireAfter, "720h");
        }
        // Data pods move only off empty nodes, one node at a time.
        const stateful = pools.find((p) => p.metadata.name === "stateful");
        assert.deepEqual([stateful.spec.disruption.consolidationPolicy, stateful.spec.disruption.budgets], ["WhenEmpty", [{ nodes: "1" }]]);
      });

      it(`${stack}: the spot pool's EC2NodeClass: IMDSv2 with hop limit 1, an encrypted gp3 root volume of the pool's disk size, the pinned AL2023 alias, discovery by tag, Strata's instance profile`, async () => {
        const objects = karpenterObjects((await stackRun(stack)).resources);
        const spot = nodePoolsOf(objects).find((p) => p.metadata.name === "spot");
        const nodeClass = objects.find((o) => o.kind === "EC2NodeClass" && o.metadata.name === spot.spec.template.spec.nodeClassRef.name) as any;
        const disk = clusterProfileDefaults[stack].nodeGroups.spot.diskSizeGiB;
        const cluster = `strata-${stack}`;
        assert.deepEqual(nodeClass.spec, {
          amiSelectorTerms: [{ alias: NODE_IMAGE_ALIAS }],
          instanceProfile: karpenterNodeInstanceProfileName(cluster),
          subnetSelectorTerms: [{ tags: { [KARPENTER_DISCOVERY_TAG]: cluster } }],
          securityGroupSelectorTerms: [{ tags: { [KARPENTER_DISCOVERY_TAG]: cluster } }],
          metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
          blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: `${disk}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
        });
        assert.deepEqual(spot.spec.template.spec.nodeClassRef, { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: `root-${disk}gib` });
      });

      it(`${stack}: every layer's pods select and tolerate exactly its pool's NodePool, and wait for it`, async () => {
        const run = await stackRun(stack);
        const pools = nodePoolsOf(karpenterObjects(run.resources));
        const poolResources = run.resources.filter((r) => r.inputs.kind === "NodePool");
        for (const layer of stackSpec(stack).layers) {
          const deployment = findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name) as any;
          const pod = deployment.spec.template.spec;
          const fits = pools.filter((p) => selects(pod.nodeSelector, p.spec.template.metadata.labels) && (p.spec.template.spec.taints ?? []).every((taint: Taint) => (pod.tolerations ?? []).some((t: any) => tolerates(t, taint))));
          assert.deepEqual(fits.map((p) => p.metadata.name), [layer.capacityClass], layer.name);
          const registered = run.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs as any).metadata.name === layer.name)!;
          const own = poolResources.find((r) => (r.inputs as any).metadata.name === layer.capacityClass)!;
          assert.ok(registered.dependsOn.includes(own.urn), `${layer.name} does not wait for its NodePool`);
        }
      });
    });
  }

  it("an EC2NodeClass per need: prod's stateful pool (100 GiB disks) has its own, the CPU pools share one (80 GiB); dev's three pools share one (50 GiB)", async () => {
    assert.deepEqual(karpenterObjects((await stackRun("dev")).resources).filter((o) => o.kind === "EC2NodeClass").map((o) => o.metadata.name), ["root-50gib"]);
    const objects = karpenterObjects((await stackRun("prod")).resources);
    assert.deepEqual(
      nodePoolsOf(objects).map((p) => [p.metadata.name, p.spec.template.spec.nodeClassRef.name]).sort(),
      [
        ["on-demand", "root-80gib"],
        ["spot", "root-80gib"],
        ["stateful", "root-100gib"],
      ],
    );
    assert.deepEqual(
      objects.filter((o) => o.kind === "EC2NodeClass").map((o: any) => [o.metadata.name, o.spec.blockDeviceMappings[0].ebs.volumeSize]).sort(),
      [
        ["root-100gib", "100Gi"],
        ["root-80gib", "80Gi"],
      ],
    );
  });

  it("a GPU pool: GPU families only, the nvidia.com/gpu taint, a GPU limit; an instance list replaces requirements; a maintenance window holds voluntary disruption", async () => {
    const run = assertOk(
      await runWithConfig({
        profile: "prod",
        cluster: { nodeGroups: { gpu: { capacityType: "SPOT", diskSizeGiB: 200 }, "on-demand": { instanceTypes: ["m6i.4xlarge", "m7i.4xlarge"] } } },
        karpenter: {
          pools: { gpu: { limits: { cpu: 64, memory: "256Gi", gpus: 8, nodes: 8 }, consolidationPolicy: "WhenEmpty", budgets: [{ nodes: 1, reasons: ["Empty", "Drifted"] }] } },
          maintenanceWindow: { day: "sunday", start: "02:00", duration: "4h" },
        },
        layers: [testLayer("trainer", { capacityClass: "gpu", resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "8Gi" }, gpus: 1 } }), testLayer("api")],
      }),
    );
    const pools = nodePoolsOf(karpenterObjects(run.resources));
    const gpu = pools.find((p) => p.metadata.name === "gpu");
    assert.deepEqual(gpu.spec.template.spec.taints, [{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" }]);
    assert.deepEqual(requirement(gpu, "karpenter.sh/capacity-type").values, ["spot"]);
    assert.deepEqual(requirement(gpu, "karpenter.k8s.aws/instance-family").values, ["g4dn", "g5", "g6"]);
    assert.deepEqual(gpu.spec.limits, { cpu: "64", memory: "256Gi", nodes: "8", "nvidia.com/gpu": "8" });
    // The window: Sunday 02:00–06:00 UTC; outside it (from 06:00 Sunday, for the other 164 hours) no voluntary disruption.
    const outside = { nodes: "0", schedule: "0 6 * * 0", duration: "164h" };
    assert.deepEqual(gpu.spec.disruption, { consolidationPolicy: "WhenEmpty", consolidateAfter: "5m", budgets: [{ nodes: "1", reasons: ["Empty", "Drifted"] }, outside] });
    for (const p of pools) assert.deepEqual(p.spec.disruption.budgets.at(-1), outside, p.metadata.name);
    const onDemand = pools.find((p) => p.metadata.name === "on-demand");
    assert.deepEqual(requirement(onDemand, "node.kubernetes.io/instance-type").values, ["m6i.4xlarge", "m7i.4xlarge"]);
    assert.equal(requirement(onDemand, "karpenter.k8s.aws/instance-category"), undefined);
    assert.deepEqual(karpenterObjects(run.resources).filter((o) => o.kind === "EC2NodeClass").map((o) => o.metadata.name).sort(), ["root-100gib", "root-200gib", "root-80gib"]);
    // The GPU layer's pods fit the gpu NodePool and no other, and wait for it and the device plugin.
    const deployment = run.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs as any).metadata.name === "trainer")!;
    const pod = (inputs(deployment) as any).spec.template.spec;
    assert.ok(selects(pod.nodeSelector, gpu.spec.template.metadata.labels));
    assert.ok(podPlacement("gpu").tolerations.every((t) => pod.tolerations.some((u: any) => u.key === t.key)));
    const gpuPool = run.resources.find((r) => r.inputs.kind === "NodePool" && (r.inputs as any).metadata.name === "gpu")!;
    assert.ok(deployment.dependsOn.includes(gpuPool.urn));
    assert.ok(run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "nvidia-device-plugin"), "the device plugin runs where Karpenter provides GPU nodes");
  });

  it("the Karpenter release: the pinned chart from its OCI registry, on the system pool, never on its own nodes; replicas dev 1, prod 2", async () => {
    for (const stack of STACKS) {
      const run = await stackRun(stack);
      const release = run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === `${karpenterPin.repo}/${karpenterPin.name}`)!;
      assert.ok(release, stack);
      assert.equal(release.inputs.version, karpenterPin.version);
      const values = JSON.parse(JSON.stringify(release.inputs.values)) as any;
      assert.equal(values.replicas, stack === "prod" ? 2 : 1);
      assert.deepEqual(values.nodeSelector, { "kubernetes.io/os": "linux", ...podPlacement("system").nodeSelector });
      assert.deepEqual(values.tolerations, podPlacement("system").tolerations);
      assert.deepEqual(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [{ matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] }]);
      assert.deepEqual(values.podDisruptionBudget, { name: "karpenter", maxUnavailable: 1 });
      assert.deepEqual(values.settings, { clusterName: `strata-${stack}`, interruptionQueue: `strata-${stack}-karpenter-interruptions`, isolatedVPC: true });
      assert.deepEqual(values.podSecurityContext, { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } });
      assert.deepEqual(values.controller.securityContext, { seccompProfile: { type: "RuntimeDefault" } });
      assert.equal(values.controller.image.tag, "1.14.1");
      assert.match(values.controller.image.digest, /^sha256:[0-9a-f]{64}$/);
    }
  });
});
