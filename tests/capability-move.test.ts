import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { stackConfigSchema } from "../stack";
import { maskSecrets } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { renderStack } from "../render";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { PROJECT_DIR, runValidConfig, SEED_STACKS, stackRun, STACKS } from "./harness";

/**
 * The move of every capability into its own folder changes no behaviour: each stack registers the same
 * resources (type, name, parent, dependencies, inputs) and outputs, renders the same bytes, and the config
 * schema is the same, as fingerprinted before the move (tests/fixtures/before-capabilities.json). Resources
 * are compared as a set (registration order follows the registry) and dependencies as sets (Pulumi's
 * dependsOn has no order). Temporary: deleted once the move has landed.
 */

const SNAPSHOT = path.join(__dirname, "fixtures", "before-capabilities.json");

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function runFingerprint(run: SucceededRun): { resources: number; resourcesHash: string; outputsHash: string } {
  const resources = run.resources
    .map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, provider: r.provider ?? null, dependsOn: [...r.dependsOn].sort(), inputs: maskSecrets(r.inputs).value }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
  return { resources: resources.length, resourcesHash: sha(JSON.stringify(canonical(resources))), outputsHash: sha(JSON.stringify(canonical({ outputs: run.outputs, secret: run.secretOutputs }))) };
}

function renderFingerprint(stack: string): { files: number; hash: string } {
  const result = renderStack(PROJECT_DIR, stack);
  if (!result.ok) assert.fail(`stack ${stack}: ${JSON.stringify(result.issues)}`);
  const files = [...result.tree.files].sort(([a], [b]) => a.localeCompare(b));
  return { files: files.length, hash: sha(files.map(([f, text]) => `${f}\u0000${sha(text)}`).join("\n")) };
}

async function fingerprints(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const stack of [...STACKS, ...SEED_STACKS]) out[stack] = { check: runFingerprint(await stackRun(stack)), render: renderFingerprint(stack) };
  out["existing-cluster"] = { check: runFingerprint(await runValidConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS })) };
  out["config-schema"] = sha(JSON.stringify(canonical(z.toJSONSchema(stackConfigSchema, { io: "input" }))));
  return out;
}

describe("the move into capability folders changes nothing", function () {
  this.timeout(300_000);

  it("every stack: the same resources, outputs and render, and the same config schema, as before the move", async () => {
    const now = await fingerprints();
    if (process.env.STRATA_WRITE_SNAPSHOT === "1") {
      fs.writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 2)}\n`);
      console.log(`      wrote ${SNAPSHOT}`);
    }
    const before = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8")) as Record<string, unknown>;
    assert.deepEqual(now, before);
  });
});
