import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { maskSecrets } from "../offline/recorder";
import { SEED_STACKS, STACKS, stackRun } from "./harness";

/**
 * What each stack registers, pinned: the digest of its recorded resources (order, URNs, parents,
 * dependencies, providers, inputs) and of its outputs, secrets masked (@pulumi/random's mock draws new
 * ones each run). Work on the offline runtime (offline/) must leave them as they are; a change to what a
 * stack registers shows here, to be pinned again on purpose.
 */

const PINS_FILE = path.join(__dirname, "fixtures", "registered-digests.json");

interface Pin {
  resources: number;
  sha256: string;
}

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

describe("what each stack registers is pinned", function () {
  this.timeout(300_000);
  const pins = JSON.parse(fs.readFileSync(PINS_FILE, "utf8")) as Record<string, Pin>;

  it("pins every stack, and only those", () => {
    assert.deepEqual(Object.keys(pins).sort(), [...STACKS, ...SEED_STACKS].sort());
  });

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`${stack}: the same resources, in the same order, with the same inputs and outputs`, async () => {
      const run = await stackRun(stack);
      const actual: Pin = { resources: run.resources.length, sha256: digest(maskSecrets({ resources: run.resources, outputs: run.outputs, secretOutputs: run.secretOutputs }).value) };
      assert.deepEqual(actual, pins[stack], `stack ${stack} registers something else than pinned; if that is intended, pin ${JSON.stringify(actual)} in ${path.relative(process.cwd(), PINS_FILE)}`);
    });
  }
});
