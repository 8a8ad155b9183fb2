import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "./harness";
import { componentArgFields } from "./library-docs-support";

/**
 * Issue 21 item 6: Strata as a component library. Every component is exported from components/index.ts,
 * every argument field has TSDoc (and `@default` where it may be left out), package.json exports the
 * components with their declarations, and the example program type-checks against those exports.
 */

/** Parts of the Cluster component, not components of their own (the Cluster makes them). */
const CLUSTER_PARTS = ["EksCluster", "Network", "NodeGroups"];

function componentClasses(): string[] {
  const files = ["capabilities", "components", "stack"].flatMap((dir) => fs.readdirSync(path.join(PROJECT_DIR, dir), { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)));
  return files
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...fs.readFileSync(path.join(PROJECT_DIR, f), "utf8").matchAll(/^export class (\w+) extends pulumi\.ComponentResource\b/gm)].map((m) => m[1]))
    .filter((name) => !CLUSTER_PARTS.includes(name))
    .sort();
}

function tsc(args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(PROJECT_DIR, "node_modules", "typescript", "bin", "tsc"), ...args], { cwd: PROJECT_DIR, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe("the component library", function () {
  this.timeout(180_000);

  it("components/index.ts exports every component class (the Cluster's own parts aside)", () => {
    const index = fs.readFileSync(path.join(PROJECT_DIR, "components", "index.ts"), "utf8");
    const classes = componentClasses();
    assert.ok(classes.length >= 18, classes.join(", "));
    for (const name of ["Mesh", "Backup", "Observability", "NvidiaDevicePlugin"]) assert.ok(classes.includes(name), name);
    const missing = classes.filter((name) => !new RegExp(`export (const \\{[^}]*\\b${name}\\b[^}]*\\}|\\{ ${name}\\b)`).test(index));
    assert.deepEqual(missing, []);
  });

  it("every argument field of every exported …Args type has TSDoc, and every optional one says its @default", () => {
    const fields = componentArgFields();
    assert.ok(fields.length >= 90, `${fields.length} fields`);
    const undocumented = fields.filter((f) => !f.doc).map((f) => `${f.args}.${f.field} (${f.file})`);
    const noDefault = fields.filter((f) => f.optional && !f.defaultTag).map((f) => `${f.args}.${f.field} (${f.file})`);
    assert.deepEqual({ undocumented, noDefault }, { undocumented: [], noDefault: [] });
  });

  it("package.json exports strata/components with its declarations, which npm run build emits", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
    assert.equal(pkg.private, undefined);
    assert.deepEqual(pkg.exports["./components"], { types: "./dist/components/index.d.ts", default: "./dist/components/index.js" });
    assert.ok(JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "tsconfig.build.json"), "utf8")).compilerOptions.declaration);
    if (!fs.existsSync(path.join(PROJECT_DIR, "dist", "components", "index.d.ts"))) assert.fail("dist/components/index.d.ts is missing: run npm run build (npm test does)");
  });

  it("the example program (examples/) type-checks against the package's exported types, and only those", () => {
    const r = tsc(["-p", "examples/tsconfig.json", "--listFiles"]);
    assert.equal(r.code, 0, r.out);
    assert.ok(r.out.split("\n").includes(path.join(PROJECT_DIR, "dist", "components", "index.d.ts")), "strata/components resolved to dist/components/index.d.ts");
    // A module the package does not export is refused: the example cannot reach around the exports.
    const probe = path.join(PROJECT_DIR, "examples", "not-exported.probe.ts");
    fs.writeFileSync(probe, 'import { Mesh } from "strata/capabilities/mesh";\nexport const m = Mesh;\n');
    try {
      const refused = tsc(["--noEmit", "--module", "node16", "--moduleResolution", "node16", "--skipLibCheck", "--types", "node", probe]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.out, /strata\/capabilities\/mesh/);
    } finally {
      fs.rmSync(probe);
    }
  });
});
