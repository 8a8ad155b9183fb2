import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadPolicyConfig, stackPolicyConfigPath } from "../cli/policy-config";
import type { PolicyRule } from "../policies/engine/rule";
import { POLICY_RULES } from "../policies/rules";
import { PROJECT_DIR } from "./harness";

/** The README's rule table is the registry's: one row per rule, its family, its level per stack, its summary. */

function levels(stack: string) {
  const loaded = loadPolicyConfig(stackPolicyConfigPath(PROJECT_DIR, stack));
  if (!loaded.ok) assert.fail(JSON.stringify(loaded.issues));
  return loaded.settings;
}

export function readmeRow(rule: PolicyRule, dev = levels("dev"), prod = levels("prod")): string {
  const family = rule.podSecurityLevel ? `${rule.family} (${rule.podSecurityLevel})` : rule.family;
  return `| \`${rule.name}\` | ${family} | ${rule.scope} | ${dev.get(rule.name)!.enforcementLevel} | ${prod.get(rule.name)!.enforcementLevel} | ${rule.summary} |`;
}

describe("README rule table", () => {
  it("has exactly one row per rule, as the registry and the per-stack configs say", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const dev = levels("dev");
    const prod = levels("prod");
    const rows = readme.split("\n").filter((line) => /^\| `[a-z0-9-]+` \| [a-z-]+( \((baseline|restricted)\))? \| (resource|stack) \|/.test(line));
    assert.deepEqual(rows, POLICY_RULES.map((rule) => readmeRow(rule, dev, prod)));
  });
});
