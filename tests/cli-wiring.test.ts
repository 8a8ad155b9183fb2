import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { strata, strataProcess } from "./cli-support";
import { tempDir } from "./render-support";
import { RESTRICTED_POD } from "./restricted-pod";

/**
 * The built CLI (dist/cli/main.js) as a user runs it, once per command: each prints exactly what the
 * command line run in-process prints (which the other CLI tests use), exits the same, and loads only what
 * it needs: `--help`, `render`, `validate` and `config-schema` never load the Pulumi SDK, and `check` loads
 * it without its Automation API and closure serializer.
 */

const pulumiModules = (modules: string[]) => modules.filter((m) => m.includes(`${path.sep}node_modules${path.sep}@pulumi${path.sep}`));

/** Asserts that the process printed and exited as the in-process run did. */
function sameAs(process: { code: number; stdout: string; stderr: string }, inProcess: { code: number; stdout: string; stderr: string }): void {
  assert.deepEqual({ code: process.code, stdout: process.stdout, stderr: process.stderr }, { code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
}

describe("the built CLI, once per command", function () {
  this.timeout(120_000);

  it("--help lists the commands, as in-process, without loading the Pulumi SDK", async () => {
    const run = strataProcess(["--help"]);
    assert.equal(run.code, 0, run.stderr);
    for (const command of ["check", "render", "graph", "validate", "capabilities", "pack-config", "config-schema"]) assert.match(run.stdout, new RegExp(`^  ${command}\\b`, "m"));
    sameAs(run, await strata(["--help"]));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("config-schema prints the schema, as in-process, without loading the Pulumi SDK", async () => {
    const run = strataProcess(["config-schema"]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(JSON.parse(run.stdout).properties.config.properties["strata:profile"]);
    sameAs(run, await strata(["config-schema"]));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("capabilities --stack lists the capabilities, as in-process, without loading the Pulumi SDK", async () => {
    const run = strataProcess(["capabilities", "--stack", "prod", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).stack, "prod");
    sameAs(run, await strata(["capabilities", "--stack", "prod", "--json"]));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("pack-config prints the profile's pack config, as in-process, without loading the Pulumi SDK", async () => {
    const run = strataProcess(["pack-config", "--profile", "prod"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).all, "mandatory");
    sameAs(run, await strata(["pack-config", "--profile", "prod"]));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("render writes the same tree and prints the same summary as in-process, without loading the Pulumi SDK", async () => {
    const [byProcess, inProcess] = [tempDir(), tempDir()];
    const run = strataProcess(["render", "--stack", "dev", "--out", byProcess]);
    assert.equal(run.code, 0, run.stderr);
    const local = await strata(["render", "--stack", "dev", "--out", inProcess]);
    sameAs({ ...run, stdout: run.stdout.replace(byProcess, "<out>") }, { ...local, stdout: local.stdout.replace(inProcess, "<out>") });
    const files = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
    assert.deepEqual(files(byProcess), files(inProcess));
    for (const f of files(byProcess).filter((f) => fs.statSync(path.join(byProcess, f)).isFile())) {
      assert.equal(fs.readFileSync(path.join(byProcess, f), "utf8"), fs.readFileSync(path.join(inProcess, f), "utf8"), f);
    }
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("graph draws the stack, as in-process, without loading the Pulumi SDK", async () => {
    const run = strataProcess(["graph", "--stack", "prod", "--flows", "--format", "dot"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^digraph "strata prod"/);
    sameAs(run, await strata(["graph", "--stack", "prod", "--flows", "--format", "dot"]));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("validate reads standard input and reports as in-process, without loading the Pulumi SDK", async () => {
    const broken = RESTRICTED_POD.replace("  containers:", "  hostNetwork: true\n  containers:");
    const run = strataProcess(["validate", "-", "--json"], broken);
    assert.equal(run.code, 3, run.stderr);
    assert.equal(JSON.parse(run.stdout).objects, 1);
    sameAs(run, await strata(["validate", "-", "--json"], broken));
    assert.deepEqual(pulumiModules(run.modules), []);
  });

  it("check prints byte-identical JSON to a run in this process (deterministic), loading the SDK without its Automation API", async () => {
    const run = strataProcess(["check", "--stack", "prod", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    sameAs(run, await strata(["check", "--stack", "prod", "--json"]));
    const sdk = pulumiModules(run.modules);
    assert.ok(sdk.some((m) => m.endsWith(path.join("@pulumi", "pulumi", "index.js"))));
    // In the module cache only as the stand-ins offline/deferred-sdk-modules.ts puts there: nothing behind them loaded.
    const automation = path.join("@pulumi", "pulumi", "automation", path.sep);
    const closure = path.join("@pulumi", "pulumi", "runtime", "closure", path.sep);
    assert.deepEqual(sdk.filter((m) => (m.includes(automation) && !m.endsWith(`${automation}index.js`)) || (m.includes(closure) && !/(serializeClosure|codePaths)\.js$/.test(m))), []);
    assert.deepEqual(run.modules.filter((m) => /node_modules\/(@npmcli|@sigstore|pacote)\//.test(m)), []);
    // semver: its stand-in (the package's main module) only; no provider version is compared under the mocks.
    assert.deepEqual(run.modules.filter((m) => /node_modules\/semver\//.test(m) && !m.endsWith(path.join("semver", "index.js"))), []);
    // Without --crds no CEL rule is evaluated: the CEL library (protobuf-es and RE2 behind it) is not loaded.
    assert.deepEqual(run.modules.filter((m) => /node_modules\/@bufbuild\//.test(m)), []);
  });

  it("a usage error exits and says the same as in-process", async () => {
    const run = strataProcess(["check"]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /--stack/);
    sameAs(run, await strata(["check"]));
  });
});
