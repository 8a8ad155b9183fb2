import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { PACK_DIR, ServedPack } from "./crossguard-client";

/**
 * `pulumi policy publish` (and `pulumi preview --policy-pack policies`) ship the policies/ folder alone: the
 * pack must import nothing from outside it, and need no package its own package.json does not declare.
 * Checked twice: statically, over every import of every source file; and for real, by copying policies/
 * alone to a temporary directory, installing its locked dependencies there (`npm ci`, from npm's cache when
 * it has them) and serving it the way the Pulumi CLI serves a TypeScript pack (`run-policy-pack`, which
 * type-checks the whole pack with ts-node before it serves).
 */

const SOURCE_FILE = /\.ts$/;
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

function packSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : packSources(full);
    return SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name". */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

describe("the policy pack is self-contained (policies/ alone, as `pulumi policy publish` ships it)", function () {
  it("every import of every file in policies/ stays inside policies/ or names a package its package.json declares", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    const files = packSources(PACK_DIR);
    assert.ok(files.length > 50, `only ${files.length} source files found in ${PACK_DIR}`);
    for (const file of files) {
      for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
        const where = `${path.relative(PACK_DIR, file)} imports "${specifier}"`;
        if (specifier.startsWith(".")) {
          const target = path.resolve(path.dirname(file), specifier);
          if (path.relative(PACK_DIR, target).startsWith("..")) problems.push(`${where}, outside policies/`);
        } else if (!specifier.startsWith("node:") && !builtins.has(specifier) && !declared.has(packageOf(specifier))) {
          problems.push(`${where}, which policies/package.json does not declare`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  describe("copied alone to a temporary directory, installed and served", function () {
    this.timeout(300_000);
    let dir: string;
    let pack: ServedPack;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-pack-"));
      fs.cpSync(PACK_DIR, dir, { recursive: true, filter: (source) => path.basename(source) !== "node_modules" });
      const install = spawnSync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, encoding: "utf8" });
      if (install.status !== 0) throw new Error(`npm ci in the copied pack failed (${install.status}): ${install.stderr}`);
      // What the Pulumi CLI runs for a Node.js pack: the SDK's policy pack host, given an engine address
      // (only used for log messages) and the pack's directory.
      const host = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
      pack = await ServedPack.start(process.execPath, [host, "127.0.0.1:0", "."], dir);
    });
    after(() => {
      pack?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("announces the pack and judges a resource", async () => {
      const info = await pack.info();
      assert.equal(info.getName(), "strata");
      const type = "kubernetes:core/v1:Service";
      const diagnostics = await pack.analyze({
        type,
        name: "web",
        urn: `urn:pulumi:test::strata::${type}::web`,
        properties: { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { type: "NodePort" } },
      });
      assert.deepEqual(
        diagnostics.map((d) => d.policy),
        ["network-service-exposure"],
      );
    });
  });
});
