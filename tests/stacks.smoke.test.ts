import { strict as assert } from "node:assert";
import { kubernetesObjects, stackRun, STACKS } from "./harness";

describe("stacks run offline", () => {
  for (const stack of STACKS) {
    it(`${stack}: registers the platform and one component per default layer`, async () => {
      const run = await stackRun(stack);
      assert.equal(run.resources.filter((r) => r.type === "strata:layers:ApplicationLayer").length, 6);
      assert.ok(kubernetesObjects(run.resources).length > 50);
    });
  }
});
