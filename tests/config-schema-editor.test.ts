import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { stackFileSchema } from "../cli/config-schema";
import { validateStackConfig } from "../stack";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";

/** Issue 21 item 8: `strata config-schema` as the YAML language server reads a stack file with it. */

type Node = { properties?: Record<string, Node>; items?: Node; additionalProperties?: unknown; anyOf?: Node[]; oneOf?: Node[]; description?: string };

function undescribed(node: Node, at: string): string[] {
  const missing: string[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (!child.description) missing.push(`${at}.${name}`);
    missing.push(...undescribed(child, `${at}.${name}`));
  }
  if (node.items) missing.push(...undescribed(node.items, `${at}[]`));
  if (node.additionalProperties && typeof node.additionalProperties === "object") missing.push(...undescribed(node.additionalProperties as Node, `${at}.*`));
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) missing.push(...undescribed(branch, at));
  return missing;
}

describe("strata config-schema for editors", () => {
  const schema = stackFileSchema();
  const config = (schema.properties as Record<string, Node>).config;
  const validate = new Ajv2020({ strict: false, allErrors: true, logger: false }).compile(schema);

  it("every key sits under the strata: prefix and every key at every depth has a description", () => {
    const keys = Object.keys(config.properties!);
    assert.ok(keys.length >= 15);
    assert.deepEqual(keys.filter((k) => !k.startsWith("strata:")), []);
    assert.deepEqual(undescribed(config, "config"), []);
  });

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`Pulumi.${stack}.yaml is valid against it (aws:region left to its provider)`, () => {
      const file = parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8"), { merge: true });
      assert.ok(validate(file), JSON.stringify(validate.errors));
    });
  }

  it("an unknown strata: key, a wrong type and a missing profile are refused", () => {
    assert.equal(validate({ config: { "strata:profile": "dev", "strata:layerz": [] } }), false);
    assert.equal(validate({ config: { "strata:profile": "staging" } }), false);
    assert.equal(validate({ config: { "aws:region": "eu-west-1" } }), false);
    assert.equal(validate({ config: { "strata:profile": "dev", "aws:region": "eu-west-1" } }), true);
  });

  describe("the overlay forms of the lists with defaults (docs/configuration.md \"Overlays\")", () => {
    // The example of docs/configuration.md's Overlays section: a staging stack from prod.
    const section = fs.readFileSync(path.join(PROJECT_DIR, "docs", "configuration.md"), "utf8").split(/^## Overlays: /m)[1] ?? "";
    const staging = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "") as { config?: Record<string, unknown> } | null;
    const stagingStrata = Object.fromEntries(Object.entries(staging?.config ?? {}).filter(([k]) => k.startsWith("strata:")).map(([k, v]) => [k.slice("strata:".length), v]));
    const dev = { profile: "dev" };
    const cases: { what: string; config: Record<string, unknown>; valid: boolean }[] = [
      { what: "the staging example", config: stagingStrata, valid: true },
      { what: "a layer removed (and its peer's peers restated)", config: { ...dev, layers: [{ name: "l5-observability", remove: true }, { name: "l4-training", peers: ["l3-evolution"] }] }, valid: true },
      { what: "a nameless entry (pulumi config set --path 'strata:layers[0].capacityClass' spot)", config: { ...dev, layers: [{ capacityClass: "spot" }] }, valid: true },
      { what: "autoscaling: null (removes the default's)", config: { ...dev, layers: [{ name: "l3-evolution", autoscaling: null }] }, valid: true },
      { what: "a nested field overlaid alone", config: { ...dev, layers: [{ name: "l3-evolution", autoscaling: { maxReplicas: 9 } }] }, valid: true },
      { what: "a topic no layer uses removed", config: { ...dev, kafka: { topics: [{ name: "raw_events.R", remove: true }] } }, valid: true },
      { what: "a topic overlaid", config: { ...dev, kafka: { topics: [{ name: "rl_rewards", partitions: 12 }] } }, valid: true },
      { what: "an extension removed", config: { ...dev, postgres: { extensions: [{ name: "vector", remove: true }] } }, valid: true },
      { what: "remove: false", config: { ...dev, layers: [{ name: "l5-observability", remove: false }] }, valid: false },
      { what: "a removal that says more", config: { ...dev, layers: [{ name: "l5-observability", remove: true, replicas: 2 }] }, valid: false },
      { what: "an unknown field in an overlay entry", config: { ...dev, layers: [{ name: "l3-evolution", replicaz: 2 }] }, valid: false },
      { what: "a wrong type in an overlay entry", config: { ...dev, layers: [{ name: "l3-evolution", replicas: "two" }] }, valid: false },
      { what: "null for a required field (image)", config: { ...dev, layers: [{ name: "l3-evolution", image: null }] }, valid: false },
      { what: "a wrong type in a nested overlay", config: { ...dev, layers: [{ capacityClass: "spot", autoscaling: { maxReplicas: "9" } }] }, valid: false },
      { what: "an unknown field in a topic overlay", config: { ...dev, kafka: { topics: [{ name: "rl_rewards", remove: true, partitions: 3 }] } }, valid: false },
      { what: "an extension removal with remove: yes", config: { ...dev, postgres: { extensions: [{ name: "vector", remove: "yes" }] } }, valid: false },
    ];

    it("the staging example was read from the docs", () => {
      assert.equal(stagingStrata.profile, "prod");
      assert.equal((stagingStrata.layers as unknown[]).length, 2);
    });

    for (const { what, config: values, valid } of cases) {
      it(`${what}: ${valid ? "valid" : "refused"}, as strata check says`, () => {
        const file = { config: { "aws:region": "eu-west-1", ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`strata:${k}`, v])) } };
        assert.equal(validate(file), valid, JSON.stringify(validate.errors));
        // The schema says what Strata itself accepts (where the defaults' names do not decide it).
        const strata = validateStackConfig(values, { awsRegion: "eu-west-1" });
        assert.equal(strata.ok, valid, strata.ok ? "strata accepted it" : JSON.stringify(strata.issues));
      });
    }
  });

  it("docs/editor-schema.md gives the one-line modeline for the YAML language server", () => {
    const page = fs.readFileSync(path.join(PROJECT_DIR, "docs", "editor-schema.md"), "utf8");
    assert.match(page, /^# yaml-language-server: \$schema=\.\/strata\.schema\.json$/m);
    assert.match(page, /npx strata config-schema > strata\.schema\.json/);
  });
});
