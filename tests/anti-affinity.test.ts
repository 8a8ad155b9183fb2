import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { validateObjects } from "../validation";
import { EXISTING, EXISTING_SERVICES } from "./cluster-support";
import { findObject, objectsOfLayer } from "./graph-support";
import { runValidConfig, specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * `layers[i].antiAffinity`: the Deployment's pod anti-affinity on the node (hostname) key, required or
 * preferred, among the layer's own pods only; and the check that a required one fits the pool's nodes: with
 * fixed node groups (`cluster.autoscaling.mode: none`) their desired size; with Karpenter (the default) the
 * pool's limits (tests/karpenter-config.test.ts).
 */

/** Managed node groups of fixed size: no node autoscaler adds nodes. */
const FIXED = { autoscaling: { mode: "none" } };

const HOSTNAME = "kubernetes.io/hostname";

const cases: InvalidCase[] = [
  {
    title: "required, with replicas plus surge above the prod on-demand pool's default nodes (3)",
    config: { profile: "prod", cluster: FIXED, layers: [testLayer("bus", { antiAffinity: "required", replicas: 3 })] },
    issues: [
      issue(
        "layers[0].replicas",
        /3 replicas plus a rolling update's surge are 4 pods/,
        /on-demand pool has 3 nodes \(cluster\.nodeGroups\.on-demand\.desiredSize, the profile's default; no node autoscaler adds more\)/,
      ),
    ],
  },
  {
    title: "required, with an autoscaler maximum within the spot pool's maxSize but above its desired nodes (no node autoscaler)",
    config: {
      profile: "prod",
      cluster: { ...FIXED, nodeGroups: { spot: { minSize: 3, desiredSize: 3, maxSize: 10 } } },
      layers: [testLayer("bus", { capacityClass: "spot", antiAffinity: "required", autoscaling: { maxReplicas: 4 } })],
    },
    issues: [issue("layers[0].autoscaling.maxReplicas", /up to 4 replicas plus a rolling update's surge are 5 pods/, /spot pool has 3 nodes \(cluster\.nodeGroups\.spot\.desiredSize; no node autoscaler/)],
  },
  {
    title: "required, with the profile's default replicas on a pool of two desired nodes",
    config: { profile: "dev", cluster: { ...FIXED, nodeGroups: { "on-demand": { minSize: 1, desiredSize: 2, maxSize: 4 } } }, layers: [testLayer("bus", { antiAffinity: "required" })] },
    issues: [issue("layers[0].antiAffinity", /2 replicas \(the dev profile's default\) plus a rolling update's surge are 3 pods/, /has 2 nodes/)],
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
        // Four nodes: the 3 replicas of the prod profile and a rolling update's surge pod, one a node.
        cluster: { ...FIXED, nodeGroups: { "on-demand": { minSize: 3, desiredSize: 4, maxSize: 12 } } },
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
    it("a peak that just fits the desired nodes is valid (9 replicas + 3 surge on 12 on-demand nodes); preferred has no limit", () => {
      const spec = specOf({
        profile: "prod",
        cluster: { ...FIXED, nodeGroups: { "on-demand": { minSize: 3, desiredSize: 12, maxSize: 12 } } },
        layers: [testLayer("fits", { antiAffinity: "required", replicas: 9 }), testLayer("many", { antiAffinity: "preferred", replicas: 40 })],
      });
      assert.deepEqual(spec.layers.map((l) => l.antiAffinity), ["required", "preferred"]);
    });

    it("with Karpenter (the default), a pool is not its desired nodes: the first case's stack is valid, Karpenter adds a node per pod", () => {
      const spec = specOf({ profile: "prod", layers: [testLayer("bus", { antiAffinity: "required", replicas: 3 })] });
      assert.equal(spec.layers[0].antiAffinity, "required");
      assert.equal(spec.cluster.mode === "eks" && spec.cluster.autoscaling.mode, "karpenter");
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
