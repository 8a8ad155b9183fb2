import { strict as assert } from "node:assert";
import { parse } from "yaml";
import type { PlatformSpec } from "../stack";
import { startupOrder, startupWaves } from "../capabilities/application-layers";
import { SYNC_WAVE_ANNOTATION } from "../render/sync-wave";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { renderStack } from "../render";
import { DATA_LAYERS } from "./data-support";
import { DATA_LAYER_TYPES, declaredStartupTargets, isApplicationLayerResource, LAYER_TYPE, stackSpec } from "./graph-support";
import { PROJECT_DIR, runValidConfig, specOf, STACKS, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";
import { renderSpec, treeObjects } from "./render-support";

/**
 * Startup order (`layers[i].dependsOn`), on a config shaped like seed 002's (data services → a gate layer →
 * two core layers → a hub → a front), listed with dependents before what they depend on, plus a layer that
 * depends on nothing: the Pulumi dependencies under mocks, the render's Argo CD sync waves, the checks.
 */

const config = {
  profile: "dev",
  layers: [
    testLayer("front", { dependsOn: ["hub"], peers: ["hub"] }),
    testLayer("hub", { dependsOn: ["core-a", "core-b"] }),
    testLayer("core-b", { dependsOn: ["gate"], dataServices: { postgres: {} } }),
    testLayer("loner"),
    testLayer("core-a", { dependsOn: ["gate"] }),
    testLayer("gate", { dependsOn: ["postgres", "redis"], dataServices: { postgres: {}, redis: {} } }),
  ],
};

/** What each layer's workload must wait for, written out from the config above. */
const expectedTargets: Record<string, string[]> = {
  front: ["Deployment hub/hub"],
  hub: ["Deployment core-a/core-a", "Deployment core-b/core-b"],
  "core-b": ["Deployment gate/gate"],
  loner: [],
  "core-a": ["Deployment gate/gate"],
  gate: ["PostgresCluster postgres/strata", "RedisCluster redis/strata"],
};

function describeResource(r: RecordedResource | undefined): string {
  const o = r?.inputs as { kind?: string; metadata?: { namespace?: string; name?: string } } | undefined;
  return `${o?.kind} ${o?.metadata?.namespace}/${o?.metadata?.name}`;
}

/** Every dependency of an application layer's resource on a resource of another (application or data) layer, as "resource → target". */
function crossLayerEdges(run: SucceededRun): string[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const layerOf = (r: RecordedResource | undefined) => {
    const parent = byUrn.get(r?.parent ?? "");
    return parent && (parent.type === LAYER_TYPE || (DATA_LAYER_TYPES as readonly string[]).includes(parent.type)) ? parent.urn : undefined;
  };
  return run.resources
    .filter((r) => isApplicationLayerResource(run, r))
    .flatMap((r) => r.dependsOn.filter((d) => layerOf(byUrn.get(d)) && layerOf(byUrn.get(d)) !== r.parent).map((d) => `${describeResource(r)} → ${describeResource(byUrn.get(d))}`))
    .sort();
}

describe("startup order with tenants: a copy waits for its own tenant's copies only", () => {
  it("acme-worker waits for acme-memory's Deployment, globex-worker for globex-memory's; the shared gate for neither", async () => {
    const run = await runValidConfig({
      profile: "dev",
      layers: [
        testLayer("worker", { tenancy: "per-tenant", dependsOn: ["memory", "gate"], peers: ["memory"] }),
        testLayer("memory", { tenancy: "per-tenant" }),
        testLayer("gate"),
      ],
      tenants: [{ name: "acme" }, { name: "globex" }],
      mesh: { gateway: { edgeLayer: "gate" } },
    });
    const edges = crossLayerEdges(run).filter((e) => e.startsWith("Deployment"));
    assert.deepEqual(edges, [
      "Deployment acme-worker/acme-worker → Deployment acme-memory/acme-memory",
      "Deployment acme-worker/acme-worker → Deployment gate/gate",
      "Deployment globex-worker/globex-worker → Deployment gate/gate",
      "Deployment globex-worker/globex-worker → Deployment globex-memory/globex-memory",
    ]);
  });
});

describe("startup order (layers[i].dependsOn)", () => {
  let spec: PlatformSpec;
  before(() => {
    spec = specOf(config);
  });

  describe("Pulumi dependencies under mocks", () => {
    let run: SucceededRun;
    before(async () => {
      // Dependents come first in the config: the run fails unless the layers are created in startup order.
      run = await runValidConfig(config);
    });

    it("each layer's Deployment waits for exactly the Deployments of the layers it names and the clusters of the data services it names", () => {
      const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
      for (const layer of spec.layers) {
        const targets = [...declaredStartupTargets(run, layer)].map((u) => describeResource(byUrn.get(u))).sort();
        assert.deepEqual(targets, expectedTargets[layer.name], layer.name);
        const deployment = run.resources.find((r) => describeResource(r) === `Deployment ${layer.name}/${layer.name}`)!;
        for (const urn of declaredStartupTargets(run, layer)) assert.ok(deployment.dependsOn.includes(urn), `${layer.name} does not wait for ${describeResource(byUrn.get(urn))}`);
      }
    });

    it("no other resource of an application layer depends on another layer's resource", () => {
      const expected = Object.entries(expectedTargets)
        .flatMap(([layer, targets]) => targets.map((t) => `Deployment ${layer}/${layer} → ${t}`))
        .sort();
      assert.deepEqual(crossLayerEdges(run), expected);
    });
  });

  describe("the order and the waves (pure)", () => {
    it("startupOrder puts each layer after what it depends on and keeps config order otherwise", () => {
      assert.deepEqual(startupOrder(spec.layers).map((l) => l.name), ["loner", "gate", "core-b", "core-a", "hub", "front"]);
      for (const stack of STACKS) {
        const layers = specOf({ profile: stack }).layers;
        assert.deepEqual(startupOrder(layers), layers, `${stack}: no dependsOn, config order`);
      }
    });

    it("waves: 0 without dependsOn, 1 for data services only, else one above the highest layer it depends on", () => {
      assert.deepEqual(Object.fromEntries(startupWaves(spec.layers)), { loner: 0, gate: 1, "core-b": 2, "core-a": 2, hub: 3, front: 4 });
    });
  });

  describe("the render", () => {
    it("every object of a layer with a wave carries it; layers without one, the data layers and the platform's carry none; the top kustomization lists the layers in startup order", () => {
      const { tree } = renderSpec(spec);
      const waves = new Map<string, string | undefined>();
      for (const layer of tree.layers) {
        const values = new Set(layer.objects.map((o) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION]));
        assert.equal(values.size, 1, `${layer.name}: objects in different waves: ${[...values].join(", ")}`);
        waves.set(layer.name, [...values][0]);
      }
      assert.deepEqual(Object.fromEntries([...waves].filter(([, w]) => w !== undefined)), { gate: "1", "core-b": "2", "core-a": "2", hub: "3", front: "4" });
      for (const name of ["loner", ...Object.keys(DATA_LAYERS).filter((d) => waves.has(d)), "mesh", "backup", "observability"]) assert.equal(waves.get(name), undefined, name);
      assert.ok(waves.has("postgres") && waves.has("redis"));
      // The files hold what the tree's layers say.
      const front = treeObjects(tree).filter((o) => o.metadata.namespace === "front" || o.metadata.name === "front");
      assert.ok(front.length > 5);
      for (const o of front) assert.equal(o.metadata.annotations?.[SYNC_WAVE_ANNOTATION], "4", `${o.kind} ${o.metadata.name}`);
      const top = parse(tree.files.get("kustomization.yaml")!).resources as string[];
      assert.deepEqual(top.filter((r) => spec.layers.some((l) => l.name === r)), ["loner", "gate", "core-b", "core-a", "hub", "front"]);
    });

    for (const stack of STACKS) {
      it(`${stack}: the project's stack uses no dependsOn, and its render carries no sync wave`, () => {
        assert.deepEqual(stackSpec(stack).layers.filter((l) => l.dependsOn.layers.length + l.dependsOn.dataServices.length > 0), []);
        const result = renderStack(PROJECT_DIR, stack);
        if (!result.ok) assert.fail(JSON.stringify(result.issues));
        for (const [file, text] of result.tree.files) assert.ok(!text.includes(SYNC_WAVE_ANNOTATION), file);
      });
    }
  });

  describe("invalid config: every problem at its key path, nothing registered", () => {
    const cases: InvalidCase[] = [
      {
        title: "a name that is neither a layer nor a data service, the layer itself, a name listed twice",
        config: { profile: "dev", layers: [testLayer("a", { dependsOn: ["b", "nope", "a", "b"] }), testLayer("b")] },
        issues: [
          issue("layers[0].dependsOn[1]", /"nope" is neither a layer \(a, b\) nor a data service \(kafka, postgres, redis\)/),
          issue("layers[0].dependsOn[2]", /cannot depend on itself/),
          issue("layers[0].dependsOn[3]", /"b" is listed twice/),
        ],
      },
      {
        title: "a three-layer cycle, reported once at its first layer, beside a layer that depends on the cycle",
        config: {
          profile: "dev",
          layers: [testLayer("x", { dependsOn: ["z"] }), testLayer("y", { dependsOn: ["x"] }), testLayer("z", { dependsOn: ["y"] }), testLayer("w", { dependsOn: ["x"] })],
        },
        issues: [issue("layers[0].dependsOn[0]", /^cycle x → z → y → x: no layer of it could ever start$/)],
      },
      {
        title: "two separate cycles, each reported",
        config: {
          profile: "dev",
          layers: [testLayer("p", { dependsOn: ["q"] }), testLayer("q", { dependsOn: ["p"] }), testLayer("r", { dependsOn: ["s", "p"] }), testLayer("s", { dependsOn: ["r"] })],
        },
        issues: [issue("layers[0].dependsOn[0]", /cycle p → q → p/), issue("layers[2].dependsOn[0]", /cycle r → s → r/)],
      },
      {
        title: "a data service no layer uses, and one turned off",
        config: { profile: "dev", layers: [testLayer("a", { dependsOn: ["kafka", "redis"] })], redis: { enabled: false } },
        issues: [
          issue("layers[0].dependsOn[0]", /kafka is not deployed: no layer uses it \(add dataServices\.kafka to a layer, or set kafka\.enabled: true\)/),
          issue("layers[0].dependsOn[1]", /redis is turned off \(redis\.enabled: false\)/),
        ],
      },
      {
        title: "an empty list",
        config: { profile: "dev", layers: [testLayer("a", { dependsOn: [] })] },
        issues: [issue("layers[0].dependsOn", /at least 1|>=1/)],
      },
    ];
    itRejectsEachCase(cases);

    it("a data service another layer uses, or one enabled with no user, may be waited for", () => {
      const spec = specOf({ profile: "dev", layers: [testLayer("a", { dependsOn: ["postgres", "kafka"] }), testLayer("b", { dataServices: { postgres: {} } })], kafka: { enabled: true } });
      assert.deepEqual(spec.layers[0].dependsOn, { layers: [], dataServices: ["postgres", "kafka"] });
    });
  });
});
