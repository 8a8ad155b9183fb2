import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultLayers } from "../config/layers/default-layers";
import { seedTopics } from "../capabilities/kafka";
import { renderStack } from "../render/render-stack";
import { validateStackConfig, type PlatformSpec } from "../stack";
import { PROJECT_DIR, SEED_STACKS, TEST_IMAGE, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";
import { strata } from "./cli-support";
import { tempDir } from "./render-support";

/**
 * Overlays (config/overlays.ts): a stack's `layers`, `kafka.topics` and `postgres.extensions` are merged by
 * name onto the defaults; `replaceDefaults` starts a list empty. The configs here say `replaceDefaults`
 * themselves (`[]`: overlay), since the harness starts a test's layer list from none when they do not.
 */

const DEFAULT_NAMES = defaultLayers.map((l) => l.name);
const overlay = (config: Record<string, unknown>) => ({ replaceDefaults: [], ...config });

function spec(config: Record<string, unknown>): PlatformSpec {
  const result = validateStackConfig(config);
  if (!result.ok) assert.fail(`config was rejected: ${JSON.stringify(result.issues, null, 2)}`);
  return result.spec;
}

function issuesOf(config: Record<string, unknown>) {
  const result = validateStackConfig(config);
  assert.ok(!result.ok, "the config was accepted");
  return result.issues;
}

const layer = (s: PlatformSpec, name: string) => s.layers.find((l) => l.name === name)!;

describe("overlays: a stack changes, adds or removes one default without restating the rest", () => {
  const plain = spec({ profile: "prod" });

  it("a layer named like a default is merged onto it: the rest of the default (image, command, ports, metrics) stays", () => {
    const s = spec(overlay({ profile: "prod", layers: [{ name: "l2-dialogue", replicas: 5, resources: { requests: { cpu: "500m" } } }] }));
    assert.deepEqual(s.layers.map((l) => l.name), DEFAULT_NAMES);
    const merged = layer(s, "l2-dialogue");
    const before = layer(plain, "l2-dialogue");
    assert.equal(merged.replicas, 5);
    // Objects merge key by key at any depth: the default's memory request stays beside the new CPU.
    assert.deepEqual(merged.resources, { requests: { cpu: "500m", memory: "256Mi" }, limits: { memory: "512Mi" } });
    assert.deepEqual([merged.image, merged.command, merged.args, merged.ports, merged.metrics], [before.image, before.command, before.args, before.ports, before.metrics]);
    for (const name of DEFAULT_NAMES.filter((n) => n !== "l2-dialogue")) assert.deepEqual(layer(s, name), layer(plain, name));
    // The default layers' topics and pgvector stay: the layers still start from the defaults.
    assert.deepEqual(s.kafka!.topics.map((t) => t.name), seedTopics.map((t) => t.name));
    assert.deepEqual(s.postgres!.extensions, ["vector"]);
  });

  it("a layer with a new name is added after the defaults", () => {
    const s = spec(overlay({ profile: "prod", layers: [testLayer("l6-ranking")] }));
    assert.deepEqual(s.layers.map((l) => l.name), [...DEFAULT_NAMES, "l6-ranking"]);
  });

  it("{ name, remove: true } removes a default; null removes a default's field", () => {
    const s = spec(
      overlay({
        profile: "prod",
        layers: [
          { name: "l5-observability", remove: true },
          // l4 named l5 as a peer: it must say so without it (else: the default's issue, below).
          { name: "l4-training", peers: ["l3-evolution"], autoscaling: null, replicas: 4 },
        ],
      }),
    );
    assert.deepEqual(s.layers.map((l) => l.name), DEFAULT_NAMES.filter((n) => n !== "l5-observability"));
    assert.equal(layer(s, "l4-training").autoscaling, undefined);
    assert.equal(layer(s, "l4-training").replicas, 4);
  });

  it("an entry without a name overlays the default at its index: what `pulumi config set --path 'strata:layers[0].capacityClass' spot` writes", () => {
    const s = spec(overlay({ profile: "prod", layers: [{ capacityClass: "spot" }] }));
    assert.equal(layer(s, DEFAULT_NAMES[0]).capacityClass, "spot");
    assert.equal(layer(plain, DEFAULT_NAMES[0]).capacityClass, "on-demand");
    for (const name of DEFAULT_NAMES.slice(1)) assert.deepEqual(layer(s, name), layer(plain, name));
  });

  it("the stack file pulumi writes for `config set --path 'strata:layers[0].capacityClass' spot` checks and renders", () => {
    const dir = tempDir("strata-overlay-path-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    // What Pulumi's config map writes for that path into a stack file without layers: a list of one object.
    fs.writeFileSync(path.join(dir, "Pulumi.spotty.yaml"), "config:\n  strata:profile: dev\n  strata:layers:\n  - capacityClass: spot\n");
    const rendered = renderStack(dir, "spotty");
    assert.ok(rendered.ok, JSON.stringify(!rendered.ok && rendered.issues));
    const deployment = rendered.tree.files.get(`${DEFAULT_NAMES[0]}/deployment-${DEFAULT_NAMES[0]}.yaml`)!;
    assert.match(deployment, /strata\.io\/node-pool: spot/);
  });

  it("topics merge by name onto the default ones (a new one is added); extensions likewise, and one can be removed", () => {
    const s = spec(overlay({ profile: "dev", kafka: { topics: [{ name: "rl_rewards", partitions: 12 }, { name: "rankings" }] }, postgres: { extensions: ["pg_trgm"] } }));
    const topics = s.kafka!.topics;
    assert.deepEqual(topics.map((t) => t.name), [...seedTopics.map((t) => t.name), "rankings"]);
    const rewards = topics.find((t) => t.name === "rl_rewards")!;
    assert.equal(rewards.partitions, 12);
    assert.equal(rewards.config["retention.ms"], 86_400_000, "the default topic's retention stays");
    assert.deepEqual(s.postgres!.extensions, ["vector", "pg_trgm"]);
    const without = spec(overlay({ profile: "dev", postgres: { extensions: [{ name: "vector", remove: true }] } }));
    assert.deepEqual(without.postgres!.extensions, []);
  });

  it("replaceDefaults starts a list empty: layers (then no default topics nor pgvector come with them), or topics alone", () => {
    const s = spec({ profile: "dev", replaceDefaults: ["layers"], layers: [testLayer("solo", { dataServices: { postgres: {} } })] });
    assert.deepEqual(s.layers.map((l) => l.name), ["solo"]);
    assert.deepEqual(s.postgres!.extensions, []);
    const topics = spec({ profile: "dev", replaceDefaults: ["kafka.topics"], kafka: { topics: [{ name: "raw_events.R" }, { name: "parsed_events.R" }, { name: "rl_rewards" }] } });
    assert.deepEqual(topics.kafka!.topics.map((t) => t.name), ["raw_events.R", "parsed_events.R", "rl_rewards"]);
    assert.deepEqual(topics.layers.map((l) => l.name), DEFAULT_NAMES);
  });

  it("an issue in an overlay is said at the stack file's own entry; an untouched default's, at the list naming the default", () => {
    const added = issuesOf(overlay({ profile: "dev", layers: [{ name: "l1-allocation", capacityClass: "spot" }, testLayer("l6-ranking", { replicas: 0 })] }));
    assert.deepEqual(added.map((i) => i.path), ["layers[1].replicas"]);
    const removed = issuesOf(overlay({ profile: "dev", layers: [{ name: "l5-observability", remove: true }] }));
    assert.deepEqual(removed.map((i) => i.path), ["layers"]);
    assert.match(removed[0].message, /^the default "l4-training" \(at peers\[1\]\): peer "l5-observability" is not a layer/);
  });

  it("the seed stacks start their layers empty (they are not the defaults with changes)", () => {
    for (const stack of SEED_STACKS) {
      const text = fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8");
      assert.match(text, /^ {2}strata:replaceDefaults: \[layers\]$/m, `Pulumi.${stack}.yaml`);
    }
  });
});

describe("overlays: the staging scenario (prod, one default layer moved to spot, one layer added)", () => {
  // The example of docs/configuration.md (its Overlays section): Pulumi.prod.yaml's keys, then the two changes.
  const section = fs.readFileSync(path.join(PROJECT_DIR, "docs", "configuration.md"), "utf8").split(/^## Overlays: /m)[1] ?? "";
  const STAGING = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const TOUCHED = ["l5-observability", "l6-ranking"];

  /**
   * The files of a stack named `staging` rendered from `stackFile`: prod's stack file is rendered under the
   * same stack name, so that what names the stack (cluster name, remote keys, headers) is alike in both.
   */
  function project(stackFile: string): string {
    const dir = tempDir("strata-staging-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), stackFile);
    return dir;
  }
  function files(stackFile: string): Map<string, string> {
    const dir = project(stackFile);
    const rendered = renderStack(dir, "staging");
    assert.ok(rendered.ok, JSON.stringify(!rendered.ok && rendered.issues));
    return rendered.tree.files;
  }

  let prod: Map<string, string>;
  let staging: Map<string, string>;
  before(() => {
    prod = files(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8"));
    staging = files(STAGING);
  });

  it("its stack file (the docs example) is under 15 lines, prod's keys and the two changes", () => {
    assert.match(STAGING, /strata:profile: prod/);
    assert.ok(STAGING.trimEnd().split("\n").length < 15, STAGING);
  });

  it("passes strata check as prod does: no config error, no mandatory violation, no schema error", async () => {
    const r = await strata(["-C", project(STAGING), "check", "--stack", "staging", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual([report.schemaErrors, report.violations.filter((v: { enforcement: string }) => v.enforcement !== "advisory")], [[], []]);
    assert.ok(report.resources.some((x: { name: string }) => x.name.includes("l6-ranking")), "the new layer is registered");
  });

  it("the render differs from prod's in exactly the objects of those two layers", () => {
    const differing = [...new Set([...prod.keys(), ...staging.keys()])].filter((f) => prod.get(f) !== staging.get(f)).sort();
    const ofTouchedLayer = (file: string) => TOUCHED.some((name) => file.startsWith(`${name}/`) || path.basename(file).includes(name));
    // Objects that list every layer (the namespaces Istio's proxies are scraped in, the layers' alert and SLO
    // selectors): they differ by the new layer's name and nothing else.
    const listingEveryLayer = ["observability/podmonitor-envoy-proxies.yaml", "observability/prometheusrule-strata-seed-alerts.yaml", "observability/prometheusrule-strata-slo-availability.yaml"];
    const kustomizations = differing.filter((f) => path.basename(f) === "kustomization.yaml");
    assert.deepEqual(differing.filter((f) => !ofTouchedLayer(f) && !kustomizations.includes(f)), listingEveryLayer);
    for (const file of listingEveryLayer) {
      assert.equal(staging.get(file)!.replace(/\|l6-ranking/g, "").replace(/\n\s+- l6-ranking/g, ""), prod.get(file), `${file} differs by more than the new layer`);
    }
    // A kustomization (but the new layer's own) differs by the new layer's files (or directory) it lists, nothing else.
    for (const file of kustomizations.filter((f) => !f.startsWith("l6-ranking/"))) assert.equal(staging.get(file)!.split("\n").filter((line) => !line.includes("l6-ranking")).join("\n"), prod.get(file), file);
    // The moved layer: only its Deployment changed (to the spot pool), every other object of it is prod's.
    assert.deepEqual(differing.filter((f) => f.startsWith("l5-observability/")), ["l5-observability/deployment-l5-observability.yaml"]);
    assert.match(staging.get("l5-observability/deployment-l5-observability.yaml")!, /strata\.io\/node-pool: spot/);
    // The new layer: its own directory, with its workload.
    assert.ok(staging.has("l6-ranking/deployment-l6-ranking.yaml") && !prod.has("l6-ranking/deployment-l6-ranking.yaml"));
    // Nothing else changed: Kafka's topics, Postgres's extensions and every other layer are prod's.
    assert.deepEqual(
      differing.filter((f) => !f.startsWith("l6-ranking/")).sort(),
      [
        "kustomization.yaml",
        "l5-observability/deployment-l5-observability.yaml",
        "observability/kustomization.yaml",
        "observability/networkpolicy-allow-egress-to-layer-l6-ranking.yaml",
        "observability/podmonitor-envoy-proxies.yaml",
        "observability/prometheusrule-strata-seed-alerts.yaml",
        "observability/prometheusrule-strata-slo-availability.yaml",
        "observability/servicemonitor-layer-l6-ranking.yaml",
      ],
    );
  });
});

describe("overlays: invalid (the real program, offline)", () => {
  const cases: InvalidCase[] = [
    {
      title: "replaceDefaults naming no overlaid list",
      config: { profile: "dev", replaceDefaults: ["layer"] },
      issues: [issue("replaceDefaults[0]", /layers/, /kafka\.topics/, /postgres\.extensions/)],
    },
    {
      title: "replaceDefaults not a list",
      config: { profile: "dev", replaceDefaults: true },
      issues: [issue("replaceDefaults", /expected array/)],
    },
    {
      title: "replaceDefaults naming a list twice",
      config: { profile: "dev", replaceDefaults: ["layers", "layers"], layers: [testLayer("a")] },
      issues: [issue("replaceDefaults", /twice/)],
    },
    {
      title: "replaceDefaults with no layers left",
      config: { profile: "dev", replaceDefaults: ["layers"] },
      issues: [issue("layers", />=1/)],
    },
    {
      title: "remove not true",
      config: overlay({ profile: "dev", layers: [{ name: "l0-ingestion", remove: "yes" }] }),
      issues: [issue("layers[0].remove", /must be true/)],
    },
    {
      title: "remove with other fields",
      config: overlay({ profile: "dev", layers: [{ name: "l0-ingestion", remove: true, replicas: 3 }] }),
      issues: [issue("layers[0]", /removes a default has nothing else/, /replicas/)],
    },
    {
      title: "remove naming no default",
      config: overlay({ profile: "dev", layers: [{ name: "l9-ghost", remove: true }] }),
      issues: [issue("layers[0].name", /"l9-ghost" is not a default/, /l0-ingestion/)],
    },
    {
      title: "remove without a name",
      config: overlay({ profile: "dev", layers: [{ remove: true }] }),
      issues: [issue("layers[0].name", /name the default to remove/)],
    },
    {
      title: "remove with replaceDefaults: nothing to remove",
      config: { profile: "dev", replaceDefaults: ["layers"], layers: [testLayer("a"), { name: "l0-ingestion", remove: true }] },
      issues: [issue("layers[1].name", /no defaults/)],
    },
    {
      title: "a nameless entry past the defaults",
      config: overlay({ profile: "dev", layers: [{}, {}, {}, {}, {}, {}, { replicas: 3 }] }),
      issues: [issue("layers[6]", /without a name overlays the default layer at its own index/, /give it a name to add a layer/)],
    },
    {
      title: "a nameless entry with replaceDefaults",
      config: { profile: "dev", replaceDefaults: ["layers"], layers: [testLayer("a"), { image: TEST_IMAGE, capacityClass: "spot" }] },
      issues: [issue("layers[1]", /no defaults/)],
    },
    {
      title: "one default overlaid twice (by name and by index)",
      config: overlay({ profile: "dev", layers: [{ replicas: 3 }, { name: "l0-ingestion", replicas: 4 }] }),
      issues: [issue("layers[1]", /"l0-ingestion" is already overlaid .* by layers\[0\]/)],
    },
    {
      title: "an overlay's field invalid, said at the stack file's entry",
      config: overlay({ profile: "dev", layers: [{ name: "l3-evolution", capacityClass: "cheap" }] }),
      issues: [issue("layers[0].capacityClass", /spot/)],
    },
    {
      title: "a topic removal naming no default topic",
      config: overlay({ profile: "dev", kafka: { topics: [{ name: "nope", remove: true }] } }),
      issues: [issue("kafka.topics[0].name", /"nope" is not a default/, /rl_rewards/)],
    },
    {
      title: "an extension removal with remove not true",
      config: overlay({ profile: "dev", postgres: { extensions: [{ name: "vector", remove: false }] } }),
      issues: [issue("postgres.extensions[0].remove", /must be true/)],
    },
  ];
  itRejectsEachCase(cases);
});
