import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeTree } from "../render";
import { strataProcess } from "./cli-support";
import { PROJECT_DIR } from "./harness";
import { renderedTree, tempDir } from "./render-support";
import { SHARED_CRDS } from "./shared-dir";

/**
 * `strata validate` of a rendered tree with a pack config given loads what reading and judging the tree
 * needs, no more (issue 22's start-up): not the capabilities (only a default pack config is generated
 * from them), not the YAML parsers (the block reader reads what renderers write), of the Kubernetes
 * models one module per kind used, never an apiVersion's index (core v1's loads every type), and of zod's
 * messages the English ones only.
 */
describe("validate loads only what a tree needs", function () {
  this.timeout(120_000);

  it("a rendered prod tree: no capability, no YAML parser, no apiVersion index of kubernetes-models", () => {
    const out = path.join(tempDir(), "prod");
    writeTree(renderedTree("prod"), out);
    const crds = fs.existsSync(SHARED_CRDS) ? ["--crds", SHARED_CRDS] : [];
    if (!crds.length) console.log("      (../shared is absent: validated without --crds)");
    const run = strataProcess(["validate", out, ...crds, "--policy-config", path.join(PROJECT_DIR, "policies", "config", "prod.json")]);
    assert.equal(run.code, 0, run.stderr);
    const within = (part: string) => run.modules.filter((m) => m.includes(`${path.sep}${part}${path.sep}`));
    assert.deepEqual(within(path.join("dist", "capabilities")), []);
    assert.deepEqual([...within(path.join("node_modules", "yaml")), ...within(path.join("node_modules", "js-yaml"))], []);
    const models = within(path.join("node_modules", "kubernetes-models"));
    assert.ok(models.some((m) => m.endsWith(path.join("apps", "v1", "Deployment.js"))), "the Deployment kind's module");
    assert.deepEqual(models.filter((m) => m.endsWith("index.js")), []);
    // zod's translated messages (cli/deferred-modules.ts): English only, which its own modules load.
    const locales = within(path.join("node_modules", "zod", "v4", "locales")).map((m) => path.basename(m));
    assert.deepEqual(locales.filter((m) => m !== "index.cjs" && m !== "en.cjs"), []);
  });
});
