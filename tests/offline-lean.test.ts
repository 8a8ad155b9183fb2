import { strict as assert } from "node:assert";
import { check } from "../cli/check";
import { runStackOffline } from "../offline/run";
import { PROJECT_DIR, SEED_STACKS, sharedStackRun, STACKS } from "./harness";

/**
 * The offline runner drops the work of Pulumi's runtime that only the Pulumi CLI reads (offline/
 * lean-runtime.ts) without changing what is registered: for every stack, `strata check --json` on the
 * stock runtime and on the lean one print the same bytes (resources in the same order, inputs, outputs,
 * verdicts).
 */

async function checkJson(stack: string, runStack: typeof sharedStackRun): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await check({ stack, json: true, projectDir: PROJECT_DIR, runStack }, (t) => (stdout += `${t}\n`), (t) => (stderr += `${t}\n`));
  return { code, stdout, stderr };
}

describe("the lean runtime registers what the stock runtime registers", function () {
  this.timeout(300_000);

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`${stack}: check --json prints the same bytes on the stock runtime`, async () => {
      const lean = await checkJson(stack, sharedStackRun);
      const stock = await checkJson(stack, (dir, name) => runStackOffline(dir, name, { lean: false }));
      assert.equal(lean.code, 0, lean.stderr);
      assert.ok(lean.stdout.length > 100_000, `a real report (${lean.stdout.length} bytes)`);
      assert.deepEqual(stock, lean);
    });
  }
});
