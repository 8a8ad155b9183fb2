import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { validateObjects } from "../validation";
import { EXISTING, EXISTING_SERVICES } from "./cluster-support";
import { findObject, objectsOfLayer } from "./graph-support";
import { runValidConfig, specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * `layers[i].antiAffinity`: the Deployment's pod anti-affinity on the node (hostname) key, required or
 * preferred, among the layer's own pods only; and the check that a required one fits the pool's node count.
 */

const HOSTNAME = "kubernetes.io/hostname";

const cases: InvalidCase[] = [
  {
    title: "required, with replicas plus surge above the prod on-demand pool's default maximum (12 nodes)",
    config: { profile: "prod", layers: [testLayer("bus", { antiAffinity: "required", replicas: 10 })] },
    issues: [issue("layers[0].replicas", /10 replicas plus a rolling update's surge are 13 pods/, /on-demand pool has at most 12 nodes \(cluster\.nodeGroups\.on-demand\.maxSize, the profile's default\)/)],
  },
  {
    title: "required, with an autoscaler maximum above the spot pool's configured maximum",
    config: {
      profile: "prod",
      cluster: { nodeGroups: { spot: { minSize: 3, desiredSize: 3, maxSize: 10 } } },
      layers: [testLayer("bus", { capacityClass: "spot", antiAffinity: "required", autoscaling: { maxReplicas: 9 } })],
    },
    issues: [issue("layers[0].autoscaling.maxReplicas", /up to 9 replicas plus a rolling update's surge are 12 pods/, /spot pool has at most 10 nodes \(cluster\.nodeGroups\.spot\.maxSize\)/)],
  },
  {
    title: "required, with the profile's default replicas on a two-node pool",
    config: { profile: "dev", cluster: { nodeGroups: { "on-demand": { minSize: 1, desiredSize: 1, maxSize: 2 } } }, layers: [testLayer("bus", { antiAffinity: "required" })] },
    issues: [issue("layers[0].antiAffinity", /2 replicas \(the dev profile's default\) plus a rolling update's surge are 3 pods/, /at most 2 nodes/)],
  },
  {
    title: "an unknown mode",
    config: { profile: "dev", layers: [testLayer("bus", { antiAffinity: "always" })] },
    issues: [issue("layers[0].antiAffinity", /required|preferred/)],
  },
];

describe("pod anti-affinity per node (layers[i].antiAffinity)", () => {
  describe("the Deployments under mocks", () => {
    let run: SucceededRun;
    before(async () => {
      run = await runValidConfig({
        profile: "prod",
        layers: [testLayer("strict", { antiAffinity: "required" }), testLayer("loose", { antiAffinity: "preferred" }), testLayer("plain")],
      });
    });

    it("required: one requiredDuringScheduling term on the hostname key selecting the layer's own pods; preferred: the same term at weight 100; none: no affinity", () => {
      const deployment = (layer: string) => findObject(objectsOfLayer(run, layer), "Deployment", layer, layer) as any;
      const own = (layer: string) => ({ labelSelector: { matchLabels: deployment(layer).spec.selector.matchLabels }, topologyKey: HOSTNAME });
      assert.deepEqual(deployment("strict").spec.template.spec.affinity, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [own("strict")] } });
      assert.deepEqual(deployment("loose").spec.template.spec.affinity, {
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: own("loose") }] },
      });
      assert.equal("affinity" in deployment("plain").spec.template.spec, false);
      // The selector is the layer's own: its pods' labels match it, another layer's do not.
      const strictLabels = deployment("strict").spec.template.metadata.labels;
      const selector = deployment("strict").spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels;
      assert.ok(Object.entries(selector).every(([k, v]) => strictLabels[k] === v));
      assert.ok(!Object.entries(selector).every(([k, v]) => deployment("plain").spec.template.metadata.labels[k] === v));
    });

    it("the Deployments validate against Kubernetes' OpenAPI schema", () => {
      const deployments = ["strict", "loose"].map((layer) => findObject(objectsOfLayer(run, layer), "Deployment", layer, layer));
      const result = validateObjects(deployments);
      assert.equal(result.validated, 2);
      assert.deepEqual(result.schemaErrors, []);
    });
  });

  describe("the pool's node count", () => {
    it("a peak that just fits is valid (9 replicas + 3 surge on the 12 on-demand nodes of prod); preferred has no limit", () => {
      const spec = specOf({ profile: "prod", layers: [testLayer("fits", { antiAffinity: "required", replicas: 9 }), testLayer("many", { antiAffinity: "preferred", replicas: 40 })] });
      assert.deepEqual(spec.layers.map((l) => l.antiAffinity), ["required", "preferred"]);
    });

    it("an existing cluster states no pool size, so nothing is checked", () => {
      const spec = specOf({ profile: "prod", cluster: EXISTING, ...EXISTING_SERVICES, layers: [testLayer("bus", { antiAffinity: "required", replicas: 40 })] });
      assert.equal(spec.layers[0].antiAffinity, "required");
    });
  });

  describe("invalid config: every problem at its key path, nothing registered", () => {
    itRejectsEachCase(cases);
  });
});
