import { strict as assert } from "node:assert";
import { profileDefaults } from "../config/profiles";
import { labelKeys } from "../platform/labels";
import { nodePools, podPlacement, type NodePool } from "../platform/placement";
import {
  BASE_IMAGE,
  findObject,
  objectsOfLayer,
  selects,
  stackSpec,
  tolerates,
} from "./graph-support";
import { runValidConfig, stackRun, STACKS } from "./harness";

const ZONE_KEY = "topology.kubernetes.io/zone";
const HOST_KEY = "kubernetes.io/hostname";

function podSpecOf(deployment: any): any {
  return deployment.spec.template.spec;
}

describe("placement per capacity class", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: each layer's Deployment has exactly the nodeSelector and tolerations of podPlacement(capacityClass)`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        assert.ok(spec.layers.length > 0);
        for (const layer of spec.layers) {
          const deployment = findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name) as any;
          const pod = podSpecOf(deployment);
          const expected = podPlacement(layer.capacityClass);
          assert.deepEqual(pod.nodeSelector, expected.nodeSelector, `${layer.name}: nodeSelector`);
          assert.deepEqual(pod.tolerations ?? [], expected.tolerations, `${layer.name}: tolerations`);
          // The pod lands on its pool only: it is selected by the pool's node labels and tolerates all its taints.
          const pool = nodePools[layer.capacityClass];
          assert.ok(selects(pod.nodeSelector, pool.nodeLabels), `${layer.name}: nodeSelector does not match pool ${layer.capacityClass}`);
          for (const taint of pool.taints) {
            assert.ok((pod.tolerations ?? []).some((t: any) => tolerates(t, taint)), `${layer.name}: does not tolerate ${taint.key}=${taint.value}`);
          }
        }
      });

      it(`${stack}: spot layers tolerate the spot taint and on-demand layers tolerate nothing`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        const spotTaint = { key: labelKeys.nodePool, value: "spot", effect: "NoSchedule" as const };
        const classes = new Set(spec.layers.map((l) => l.capacityClass));
        assert.ok(classes.has("spot") && classes.has("on-demand"), "the default layers use both spot and on-demand");
        for (const layer of spec.layers) {
          const pod = podSpecOf(findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name));
          if (layer.capacityClass === "spot") {
            assert.equal(pod.nodeSelector[labelKeys.nodePool], "spot", layer.name);
            assert.ok((pod.tolerations ?? []).some((t: any) => tolerates(t, spotTaint)), `${layer.name} does not tolerate the spot taint`);
          } else if (layer.capacityClass === "on-demand") {
            assert.equal(pod.nodeSelector[labelKeys.nodePool], "on-demand", layer.name);
            assert.deepEqual(pod.tolerations ?? [], [], `${layer.name} (on-demand) has tolerations`);
            assert.ok(!(pod.tolerations ?? []).some((t: any) => tolerates(t, spotTaint)), `${layer.name} (on-demand) tolerates spot`);
          }
        }
      });

      it(`${stack}: no default layer selects or tolerates the system or stateful pools`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        for (const layer of spec.layers) {
          const pod = podSpecOf(findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name));
          for (const reserved of ["system", "stateful"] as NodePool[]) {
            const pool = nodePools[reserved];
            assert.ok(!selects(pod.nodeSelector, pool.nodeLabels), `${layer.name} selects the ${reserved} pool`);
            assert.ok(pool.taints.length > 0, `${reserved} pool must be tainted`);
            for (const taint of pool.taints) {
              assert.ok(!(pod.tolerations ?? []).some((t: any) => tolerates(t, taint)), `${layer.name} tolerates the ${reserved} taint`);
            }
          }
          // No blanket toleration either (an empty key with Exists tolerates every taint).
          assert.ok(!(pod.tolerations ?? []).some((t: any) => !t.key), `${layer.name} has a key-less toleration`);
        }
      });

      it(`${stack}: topology spread over zone and hostname with the profile's whenUnsatisfiable`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        const profile = profileDefaults[spec.profile];
        assert.equal(spec.profile, stack);
        for (const layer of spec.layers) {
          const deployment = findObject(objectsOfLayer(run, layer.name), "Deployment", layer.name, layer.name) as any;
          const pod = podSpecOf(deployment);
          const constraints: any[] = pod.topologySpreadConstraints ?? [];
          assert.deepEqual(constraints.map((c) => c.topologyKey).sort(), [HOST_KEY, ZONE_KEY].sort(), layer.name);
          const zone = constraints.find((c) => c.topologyKey === ZONE_KEY);
          const host = constraints.find((c) => c.topologyKey === HOST_KEY);
          assert.equal(zone.whenUnsatisfiable, profile.zoneSpread, `${layer.name}: zone spread`);
          assert.equal(host.whenUnsatisfiable, profile.hostSpread, `${layer.name}: host spread`);
          if (stack === "prod") assert.equal(zone.whenUnsatisfiable, "DoNotSchedule", `${layer.name}: prod must refuse to pile up in one zone`);
          if (stack === "dev") assert.equal(zone.whenUnsatisfiable, "ScheduleAnyway");
          for (const c of constraints) {
            assert.equal(c.maxSkew, 1, layer.name);
            // The constraint counts this layer's pods: its selector selects the pod template.
            assert.ok(c.labelSelector?.matchLabels && Object.keys(c.labelSelector.matchLabels).length > 0, `${layer.name}: empty spread selector`);
            assert.ok(selects(c.labelSelector.matchLabels, deployment.spec.template.metadata.labels), `${layer.name}: spread selector misses its pods`);
          }
        }
      });
    });
  }

  describe("custom capacity classes", () => {
    const config = {
      profile: "dev",
      cluster: { nodeGroups: { gpu: {} } },
      layers: [
        { name: "trainer", image: BASE_IMAGE, capacityClass: "gpu" },
        { name: "web", image: BASE_IMAGE, capacityClass: "on-demand", peers: ["trainer"] },
      ],
    };

    it("a gpu layer selects the gpu pool and tolerates the nvidia.com/gpu taint (and only that)", async () => {
      const run = await runValidConfig(config);
      const pod = podSpecOf(findObject(objectsOfLayer(run, "trainer"), "Deployment", "trainer", "trainer"));
      assert.deepEqual(pod.nodeSelector, podPlacement("gpu").nodeSelector);
      assert.deepEqual(pod.tolerations, [{ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" }]);
      assert.deepEqual(pod.tolerations, podPlacement("gpu").tolerations);
      const spotTaint = nodePools.spot.taints[0];
      assert.ok(!pod.tolerations.some((t: any) => tolerates(t, spotTaint)), "gpu layer tolerates spot");
      const web = podSpecOf(findObject(objectsOfLayer(run, "web"), "Deployment", "web", "web"));
      assert.deepEqual(web.tolerations ?? [], []);
    });
  });
});
