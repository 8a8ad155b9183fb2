import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { objectKey, type KubernetesObject } from "../layers/kubernetes-object";
import { readProjectFile, stackNames } from "../offline/stack-file";
import { renderStack, writeTree } from "../render";
import { validateObjects } from "../validation";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { kustomize, withoutHelmCharts } from "./kube-tools";
import { tempDir, treeObjects } from "./render-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * What every seed profile must do, whatever its seed: `strata check --stack <s>` passes (no mandatory
 * violation, no schema error against the upstream CRDs), its render builds with kubectl kustomize, and the
 * README lists it with its requirement table. The seeds' own numbers: tests/seed-<stack>.test.ts.
 */

const CLI = path.join(PROJECT_DIR, "dist", "cli", "main.js");
const README = () => fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
const table = (stack: string) => `docs/profiles/${stack}.md`;

describe("seed profiles", () => {
  it("every stack file of the project is dev, prod or a seed profile (so each is tested)", () => {
    assert.deepEqual(stackNames(PROJECT_DIR, readProjectFile(PROJECT_DIR)), [...STACKS, ...SEED_STACKS].sort());
  });

  it("the README's Seed profiles section lists exactly the seed profiles, each with its table and the command that checks it", () => {
    const section = README().split(/^## Seed profiles$/m)[1]?.split(/^## /m)[0];
    assert.ok(section, "README has no \"## Seed profiles\" section");
    const rows = section.split("\n").filter((l) => /^\| `[a-z0-9-]+` \|/.test(l));
    assert.deepEqual(rows.map((r) => /^\| `([a-z0-9-]+)`/.exec(r)![1]), [...SEED_STACKS]);
    for (const [i, stack] of SEED_STACKS.entries()) {
      assert.ok(rows[i].includes(`](${table(stack)})`), `${stack}: no link to ${table(stack)}`);
      assert.ok(rows[i].includes(`\`npx strata check --stack ${stack}`), `${stack}: no check command`);
    }
  });

  for (const stack of SEED_STACKS) {
    describe(stack, () => {
      it(`${table(stack)}: a requirement table naming every key the stack sets, with what is not covered`, () => {
        const doc = fs.readFileSync(path.join(PROJECT_DIR, table(stack)), "utf8");
        assert.match(doc, /^\| # \| requirement \| source \(seed \d{3}\) \| config key \| covered\? \|$/m);
        assert.match(doc, /\| NOT COVERED/);
        assert.match(doc, /\| DEVIATION/);
        const config = parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;
        for (const key of Object.keys(config).map((k) => k.replace(/^strata:/, ""))) assert.ok(doc.includes(`\`${key}`), `${table(stack)} never names ${key}`);
      });

      it(`strata check --stack ${stack} --crds ../shared/crds: exit 0, no violation, no schema error (the prod profile's pack config)`, function () {
        requireSharedCrds(this);
        const r = spawnSync(process.execPath, [CLI, "check", "--stack", stack, "--json", "--crds", SHARED_CRDS], { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
        assert.equal(r.status, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.deepEqual([report.violations, report.schemaErrors], [[], []]);
        assert.equal(report.outputs.profile, "prod");
        assert.match(r.stderr, /no policy config at .*policies\/config\/[a-z0-9-]+\.json: using the prod profile's/);
      });

      it(`strata render --stack ${stack}: kubectl kustomize builds every rendered object (helmCharts set aside), each valid against its schema`, function () {
        const result = renderStack(PROJECT_DIR, stack);
        if (!result.ok) assert.fail(JSON.stringify(result.issues));
        const dir = tempDir();
        writeTree(result.tree, dir);
        const built = kustomize(withoutHelmCharts(dir).dir);
        assert.equal(built.code, 0, built.stderr);
        const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as KubernetesObject);
        assert.deepEqual(objects.map(objectKey).sort(), treeObjects(result.tree).map(objectKey).sort());
        requireSharedCrds(this);
        const external = objects.filter((o) => o.kind === "ExternalSecret");
        const validation = validateObjects(objects, { crds: [SHARED_CRDS] });
        assert.deepEqual(validation.schemaErrors, []);
        assert.equal(validation.validated, objects.length - external.length);
      });
    });
  }
});
