import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyRule } from "../policies/engine/rule";
import { POLICY_RULES } from "../policies/rules";
import { PROJECT_DIR } from "./harness";
import { stackPackSettings } from "./policy-support";

/** The rule table (docs/policies.md, linked from the README) is the registry's: one row per rule, its family, its level per stack, its summary. */

export function readmeRow(rule: PolicyRule, dev = stackPackSettings("dev"), prod = stackPackSettings("prod")): string {
  const family = rule.podSecurityLevel ? `${rule.family} (${rule.podSecurityLevel})` : rule.family;
  return `| \`${rule.name}\` | ${family} | ${rule.scope} | ${dev.get(rule.name)!.enforcementLevel} | ${prod.get(rule.name)!.enforcementLevel} | ${rule.summary} |`;
}

describe("docs/policies.md rule table", () => {
  it("has exactly one row per rule, as the registry and the per-stack configs say", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "docs", "policies.md"), "utf8");
    const dev = stackPackSettings("dev");
    const prod = stackPackSettings("prod");
    const rows = readme.split("\n").filter((line) => /^\| `[a-z0-9-]+` \| [a-z-]+( \((baseline|restricted)\))? \| (resource|stack) \|/.test(line));
    assert.deepEqual(rows, POLICY_RULES.map((rule) => readmeRow(rule, dev, prod)));
  });
});
