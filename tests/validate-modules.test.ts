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
 * from them), not the YAML parsers (the block reader reads what renderers write), none of the Kubernetes
 * models' ES modules (their validators come bundled, from the cache), and of zod's messages the English
 * ones only.
 */
describe("validate loads only what a tree needs", function () {
  this.timeout(120_000);

  it("a rendered prod tree: no capability, no YAML parser, no module of kubernetes-models", () => {
    const out = path.join(tempDir(), "prod");
    writeTree(renderedTree("prod"), out);
    const crds = fs.existsSync(SHARED_CRDS) ? ["--crds", SHARED_CRDS] : [];
    if (!crds.length) console.log("      (../shared is absent: validated without --crds)");
    const run = strataProcess(["validate", out, ...crds, "--policy-config", path.join(PROJECT_DIR, "policies", "config", "prod.json")]);
    assert.equal(run.code, 0, run.stderr);
    const within = (part: string) => run.modules.filter((m) => m.includes(`${path.sep}${part}${path.sep}`));
    assert.deepEqual(within(path.join("dist", "capabilities")), []);
    assert.deepEqual([...within(path.join("node_modules", "yaml")), ...within(path.join("node_modules", "js-yaml"))], []);
    // The models' validators come from one bundled script (validation/model-bundle.ts), no ES module of theirs.
    const modules = [...within(path.join("node_modules", "kubernetes-models")), ...within(path.join("node_modules", "@kubernetes-models", "apimachinery"))];
    assert.deepEqual(modules.filter((m) => !m.endsWith("package.json")), []);
    // zod's translated messages (cli/deferred-modules.ts): English only, which its own modules load.
    const locales = within(path.join("node_modules", "zod", "v4", "locales")).map((m) => path.basename(m));
    assert.deepEqual(locales.filter((m) => m !== "index.cjs" && m !== "en.cjs"), []);
  });

  it("the models' bundle: built on a cold cache, read from a warm one, built again when damaged, with the same verdicts", () => {
    const out = path.join(tempDir(), "dev");
    writeTree(renderedTree("dev"), out);
    const cache = tempDir("strata-cache-");
    const run = () => {
      const before = process.env.STRATA_CACHE_DIR;
      process.env.STRATA_CACHE_DIR = cache;
      try {
        return strataProcess(["validate", out, "--json", "--policy-config", path.join(PROJECT_DIR, "policies", "config", "dev.json")]);
      } finally {
        if (before === undefined) delete process.env.STRATA_CACHE_DIR;
        else process.env.STRATA_CACHE_DIR = before;
      }
    };
    const cold = run();
    assert.equal(cold.code, 0, cold.stderr);
    const bundles = () => fs.readdirSync(path.join(cache, "models")).filter((f) => f.endsWith(".js"));
    assert.equal(bundles().length, 1, "one bundle for the tree's kinds");
    assert.ok(cold.modules.some((m) => m.includes(`${path.sep}es-module-lexer${path.sep}`)), "a cold cache lexes the models' modules");
    const warm = run();
    assert.equal(warm.stdout, cold.stdout);
    assert.deepEqual(warm.modules.filter((m) => m.includes(`${path.sep}es-module-lexer${path.sep}`)), [], "a warm cache lexes nothing");
    const bundle = path.join(cache, "models", bundles()[0]);
    const good = fs.readFileSync(bundle, "utf8");
    fs.writeFileSync(bundle, good.slice(0, good.length / 2));
    const damaged = run();
    assert.equal(damaged.code, 0, damaged.stderr);
    assert.equal(damaged.stdout, cold.stdout);
    assert.equal(fs.readFileSync(bundle, "utf8"), good, "the damaged bundle is built again");
  });
});
