import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { stackFileSchema } from "../cli/config-schema";
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

  it("docs/editor-schema.md gives the one-line modeline for the YAML language server", () => {
    const page = fs.readFileSync(path.join(PROJECT_DIR, "docs", "editor-schema.md"), "utf8");
    assert.match(page, /^# yaml-language-server: \$schema=\.\/strata\.schema\.json$/m);
    assert.match(page, /npx strata config-schema > strata\.schema\.json/);
  });
});
