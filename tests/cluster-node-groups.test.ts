import { strict as assert } from "node:assert";
import { clusterProfileDefaults } from "../capabilities/cluster/defaults";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { nodePoolNames, nodePools, podPlacement, type NodePool, type Taint } from "../platform/placement";
import { labelKeys } from "../platform/labels";
import { assertOk, fixedPoolsRun, idOf, inputs, ofType, policy, roleByArn, T } from "./cluster-support";
import { findObject, objectsOfLayer, selects, stackSpec, tolerates } from "./graph-support";
import { runWithConfig, STACKS } from "./harness";

/** EKS taint effects back to Kubernetes' spelling, written from the EKS API reference. */
const K8S_EFFECT: Record<string, Taint["effect"]> = { NO_SCHEDULE: "NoSchedule", PREFER_NO_SCHEDULE: "PreferNoSchedule", NO_EXECUTE: "NoExecute" };

function poolOf(group: RecordedResource): NodePool {
  const pool = inputs(group).labels?.[labelKeys.nodePool];
  assert.ok(nodePoolNames.includes(pool), `${group.name} has no pool label`);
  return pool;
}

function groupsOf(run: SucceededRun, pool: NodePool): RecordedResource[] {
  return ofType(run, T.nodeGroup).filter((g) => poolOf(g) === pool);
}

function taintsOf(group: RecordedResource): Taint[] {
  return (inputs(group).taints ?? []).map((t: any) => ({ key: t.key, value: t.value, effect: K8S_EFFECT[t.effect] }));
}

/** The managed node groups of every pool: with `cluster.autoscaling.mode: none` (with Karpenter, system only: tests/karpenter-*.test.ts). */
describe("managed node groups per capacity class (autoscaling mode none)", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: the spot group is SPOT, tainted, with at least 3 distinct instance types`, async () => {
        const run = await fixedPoolsRun(stack);
        const [spot, ...more] = groupsOf(run, "spot");
        assert.equal(more.length, 0);
        assert.equal(inputs(spot).capacityType, "SPOT");
        assert.deepEqual(inputs(spot).taints, [{ key: labelKeys.nodePool, value: "spot", effect: "NO_SCHEDULE" }]);
        const types: string[] = inputs(spot).instanceTypes;
        assert.ok(types.length >= 3, `only ${types.length} instance types`);
        assert.equal(new Set(types).size, types.length);
      });

      it(`${stack}: the system, stateful and on-demand groups are ON_DEMAND; there is no GPU group unless configured`, async () => {
        const run = await fixedPoolsRun(stack);
        for (const pool of ["system", "stateful", "on-demand"] as const) {
          const groups = groupsOf(run, pool);
          assert.ok(groups.length > 0, `no ${pool} group`);
          for (const g of groups) assert.equal(inputs(g).capacityType, "ON_DEMAND", g.name);
        }
        assert.equal(groupsOf(run, "gpu").length, 0);
        // Everything that is not spot is on-demand: the stateful data never lands on spot.
        for (const g of ofType(run, T.nodeGroup)) assert.equal(inputs(g).capacityType === "SPOT", poolOf(g) === "spot", g.name);
      });

      it(`${stack}: each group's labels and taints are exactly what platform/placement.ts gives the pool, and its pods' tolerations tolerate them`, async () => {
        const run = await fixedPoolsRun(stack);
        const groups = ofType(run, T.nodeGroup);
        assert.deepEqual([...new Set(groups.map(poolOf))].sort(), ["on-demand", "spot", "stateful", "system"]);
        for (const g of groups) {
          const pool = poolOf(g);
          assert.deepEqual(inputs(g).labels, nodePools[pool].nodeLabels, `${g.name}: labels`);
          assert.deepEqual(taintsOf(g), nodePools[pool].taints, `${g.name}: taints`);
          const placement = podPlacement(pool);
          assert.ok(selects(placement.nodeSelector, inputs(g).labels), `${g.name}: the pool's pods do not select it`);
          for (const taint of taintsOf(g)) {
            assert.ok(placement.tolerations.some((t) => tolerates(t, taint)), `${g.name}: the pool's pods do not tolerate ${taint.key}`);
          }
          // Pods of other pools are kept off a tainted group.
          for (const other of nodePoolNames.filter((p) => p !== pool)) {
            const theirs = podPlacement(other);
            const schedulable = selects(theirs.nodeSelector, inputs(g).labels) && taintsOf(g).every((taint) => theirs.tolerations.some((t) => tolerates(t, taint)));
            assert.ok(!schedulable, `${other} pods could land on ${g.name}`);
          }
        }
      });

      it(`${stack}: every layer's Deployment can be scheduled on a node group of its capacity class, and on no other`, async () => {
        const run = await fixedPoolsRun(stack);
        const groups = ofType(run, T.nodeGroup);
        for (const layer of stackSpec(stack).layers) {
          const pod = (findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name) as any).spec.template.spec;
          const fits = groups.filter((g) => selects(pod.nodeSelector, inputs(g).labels) && taintsOf(g).every((taint) => (pod.tolerations ?? []).some((t: any) => tolerates(t, taint))));
          assert.ok(fits.length > 0, `${layer.name} fits no node group`);
          for (const g of fits) assert.equal(poolOf(g), layer.capacityClass, `${layer.name} fits ${g.name}`);
        }
      });

      it(`${stack}: sizes and instance types are the profile's; the stateful pool has one group per zone, the others span every zone`, async () => {
        const run = await fixedPoolsRun(stack);
        const defaults = clusterProfileDefaults[stack].nodeGroups;
        const privateSubnets = ofType(run, T.subnet).filter((s) => s.name.includes("-private-")).map(idOf).sort();
        for (const g of ofType(run, T.nodeGroup)) {
          const pool = poolOf(g);
          const d = defaults[pool];
          assert.deepEqual(inputs(g).scalingConfig, { minSize: d.minSize, desiredSize: d.desiredSize, maxSize: d.maxSize }, g.name);
          assert.deepEqual(inputs(g).instanceTypes, d.instanceTypes, g.name);
          const scaling = inputs(g).scalingConfig;
          assert.ok(scaling.minSize <= scaling.desiredSize && scaling.desiredSize <= scaling.maxSize, g.name);
          if (pool === "stateful") assert.equal(inputs(g).subnetIds.length, 1, g.name);
          else assert.deepEqual([...inputs(g).subnetIds].sort(), privateSubnets, g.name);
        }
        const stateful = groupsOf(run, "stateful").map((g) => inputs(g).subnetIds[0]).sort();
        assert.deepEqual(stateful, privateSubnets, "one stateful group in each zone");
      });

      it(`${stack}: nodes boot Amazon Linux 2023 with an encrypted gp3 root volume of the configured size and IMDSv2 only`, async () => {
        const run = await fixedPoolsRun(stack);
        const defaults = clusterProfileDefaults[stack].nodeGroups;
        const templates = new Map(ofType(run, T.launchTemplate).map((t) => [idOf(t), t]));
        for (const g of ofType(run, T.nodeGroup)) {
          assert.equal(inputs(g).amiType, "AL2023_x86_64_STANDARD", g.name);
          const template = templates.get(inputs(g).launchTemplate.id);
          assert.ok(template, `${g.name} has no launch template`);
          const lt = inputs(template);
          assert.deepEqual(lt.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 });
          assert.equal(lt.blockDeviceMappings.length, 1);
          const ebs = lt.blockDeviceMappings[0].ebs;
          assert.equal(ebs.encrypted, "true", `${g.name}: root volume not encrypted`);
          assert.equal(ebs.volumeType, "gp3");
          assert.equal(ebs.volumeSize, defaults[poolOf(g)].diskSizeGiB);
          assert.equal(inputs(g).diskSize, undefined, "the disk size is the launch template's");
          assert.equal(inputs(g).launchTemplate.version, "1");
        }
      });

      it(`${stack}: one node role with the worker, registry-pull and SSM policies and not the CNI's (the VPC CNI has its IRSA role)`, async () => {
        const run = await fixedPoolsRun(stack);
        const roles = new Set(ofType(run, T.nodeGroup).map((g) => inputs(g).nodeRoleArn));
        assert.equal(roles.size, 1);
        const role = roleByArn(run, [...roles][0]);
        assert.equal(policy(inputs(role).assumeRolePolicy).Statement[0].Principal.Service, "ec2.amazonaws.com");
        const attached = ofType(run, T.attachment).filter((a) => a.parent === role.parent && a.name.startsWith(`${role.name}-`)).map((a) => inputs(a).policyArn).sort();
        assert.deepEqual(attached, [
          "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
          "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
      });
    });
  }

  it("a configured GPU pool: NVIDIA image, the nvidia.com/gpu taint, spot capacity when asked; ARM types get the ARM image", async () => {
    const run = assertOk(
      await runWithConfig({
        profile: "prod",
        cluster: {
          autoscaling: { mode: "none" },
          nodeGroups: {
            gpu: { capacityType: "SPOT", instanceTypes: ["g5.2xlarge", "g6.2xlarge", "g6e.2xlarge"], minSize: 0, desiredSize: 0, maxSize: 3 },
            "on-demand": { instanceTypes: ["m7g.xlarge", "m6g.xlarge"], minSize: 2, desiredSize: 2, maxSize: 5, diskSizeGiB: 120 },
          },
        },
        layers: [{ name: "trainer", image: "registry.example.com/trainer:1.0.0", capacityClass: "gpu" }],
      }),
    );
    const [gpu] = groupsOf(run, "gpu");
    assert.equal(inputs(gpu).capacityType, "SPOT");
    assert.equal(inputs(gpu).amiType, "AL2023_x86_64_NVIDIA");
    assert.deepEqual(inputs(gpu).taints, [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }]);
    assert.deepEqual(inputs(gpu).scalingConfig, { minSize: 0, desiredSize: 0, maxSize: 3 });
    const [onDemand] = groupsOf(run, "on-demand");
    assert.equal(inputs(onDemand).amiType, "AL2023_ARM_64_STANDARD");
    assert.deepEqual(inputs(onDemand).scalingConfig, { minSize: 2, desiredSize: 2, maxSize: 5 });
    // The GPU layer's pods wait for the GPU group, and fit it.
    const deployment = run.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs as any).metadata.namespace === "trainer")!;
    assert.ok(deployment.dependsOn.includes(gpu.urn));
    const pod = (inputs(deployment) as any).spec.template.spec;
    assert.ok(selects(pod.nodeSelector, inputs(gpu).labels));
    for (const taint of taintsOf(gpu)) assert.ok(pod.tolerations.some((t: any) => tolerates(t, taint)));
  });

  it("the default GPU pool (`gpu: {}`) is on-demand with the profile's sizes", async () => {
    const run = assertOk(await runWithConfig({ profile: "dev", cluster: { autoscaling: { mode: "none" }, nodeGroups: { gpu: {} } } }));
    const [gpu] = groupsOf(run, "gpu");
    const d = clusterProfileDefaults.dev.nodeGroups.gpu;
    assert.equal(inputs(gpu).capacityType, "ON_DEMAND");
    assert.deepEqual(inputs(gpu).instanceTypes, d.instanceTypes);
    assert.deepEqual(inputs(gpu).scalingConfig, { minSize: d.minSize, desiredSize: d.desiredSize, maxSize: d.maxSize });
  });
});
