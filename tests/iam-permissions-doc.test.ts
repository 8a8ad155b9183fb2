import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR, stackRun } from "./harness";

/**
 * docs/iam-permissions.md's table names exactly the AWS resource types the program registers in `dev`, `prod`
 * and `acgs2` (the seed with a WAF-guarded ALB and its certificate): what the identity running `pulumi up` creates.
 */
describe("docs/iam-permissions.md", function () {
  this.timeout(300_000);

  it("its table lists exactly the AWS resource types dev, prod and acgs2 register", async () => {
    const registered = new Set<string>();
    for (const stack of ["dev", "prod", "acgs2"]) for (const r of (await stackRun(stack)).resources) if (r.type.startsWith("aws:")) registered.add(r.type);
    const page = fs.readFileSync(path.join(PROJECT_DIR, "docs", "iam-permissions.md"), "utf8");
    const documented = new Set([...page.matchAll(/`(aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+)`/g)].map((m) => m[1]));
    assert.deepEqual([...documented].sort(), [...registered].sort());
  });
});
