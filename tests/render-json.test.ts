import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { RenderReport } from "../cli/render";
import { KUSTOMIZATION_FILE, MANIFEST_FILE, PLACEHOLDERS_FILE } from "../render";
import { strata } from "./cli-support";
import { PROJECT_DIR, STACKS } from "./harness";
import { tempDir } from "./render-support";

/**
 * `strata render --json` (issue 21 item 7): one JSON document saying what the text summary says, in numbers
 * that agree with the tree written to disk; on invalid config the `{ stack, configErrors, resources: [] }`
 * document `check --json` prints, exit 2, nothing written.
 */

/** Every file under `dir`, relative to it, the render's manifest aside. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== MANIFEST_FILE)
    .sort();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A throwaway project with this project's Pulumi.yaml and a Pulumi.bad.yaml of these bytes. */
function projectWithBadStack(stackFile: string): string {
  const project = tempDir("strata-project-");
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  fs.writeFileSync(path.join(project, "Pulumi.bad.yaml"), stackFile);
  return project;
}

describe("strata render --json", function () {
  this.timeout(180_000);

  for (const stack of STACKS) {
    describe(stack, () => {
      let report: RenderReport;
      let jsonDir: string;
      let text: string;
      let textDir: string;

      before(async () => {
        jsonDir = path.join(tempDir(), stack);
        const json = await strata(["render", "--stack", stack, "--out", jsonDir, "--json"]);
        assert.equal(json.code, 0, json.stderr);
        report = JSON.parse(json.stdout) as RenderReport;
        textDir = path.join(tempDir(), stack);
        const plain = await strata(["render", "--stack", stack, "--out", textDir]);
        assert.equal(plain.code, 0, plain.stderr);
        text = plain.stdout;
      });

      it("says what the text summary says: the totals, each layer's objects and charts, each placeholder", () => {
        assert.deepEqual(Object.keys(report).sort(), ["files", "helmCharts", "layers", "objects", "out", "placeholders", "stack"]);
        assert.equal(report.stack, stack);
        assert.equal(report.out, jsonDir);
        const first = `stack ${stack}: rendered ${report.layers.length} layers, ${report.objects} objects, ${report.helmCharts} Helm charts (${report.files} files) to ${textDir}`;
        assert.equal(text.split("\n")[0], first);
        for (const l of report.layers) assert.match(text, new RegExp(`^  ${escape(l.name)} +${l.objects}${l.helmCharts ? escape(` (+ ${l.helmCharts} charts)`) : ""}$`, "m"), l.name);
        const layerLines = text.split("objects per layer:\n")[1].split("\n\n")[0].split("\n");
        assert.equal(layerLines.length, report.layers.length, "the summary lists other layers");
        assert.ok(report.placeholders.length > 0, "dev and prod render placeholders (no gitops values)");
        assert.match(text, new RegExp(`^placeholders \\(${report.placeholders.length}; listed in placeholders\\.yaml\\)`, "m"));
        for (const p of report.placeholders) assert.ok(text.includes(`  ${p.placeholder}  ${p.meaning}  (${p.configKey}; in ${p.files.length} files)`), p.placeholder);
      });

      it("agrees with the tree written: its files, each layer's object files and helmCharts entries, placeholders.yaml", () => {
        assert.equal(filesUnder(jsonDir).length, report.files);
        assert.deepEqual(parse(fs.readFileSync(path.join(jsonDir, KUSTOMIZATION_FILE), "utf8")).resources, report.layers.map((l) => l.name));
        for (const l of report.layers) {
          const objectFiles = fs.readdirSync(path.join(jsonDir, l.name)).filter((f) => f.endsWith(".yaml") && f !== KUSTOMIZATION_FILE);
          assert.equal(objectFiles.length, l.objects, `${l.name}: object files`);
          const kustomization = parse(fs.readFileSync(path.join(jsonDir, l.name, KUSTOMIZATION_FILE), "utf8"));
          assert.equal((kustomization.helmCharts ?? []).length, l.helmCharts, `${l.name}: helmCharts`);
        }
        assert.equal(report.objects, report.layers.reduce((n, l) => n + l.objects, 0));
        assert.equal(report.helmCharts, report.layers.reduce((n, l) => n + l.helmCharts, 0));
        assert.deepEqual(parse(fs.readFileSync(path.join(jsonDir, PLACEHOLDERS_FILE), "utf8")).placeholders, report.placeholders);
        // The same tree as without --json.
        assert.deepEqual(filesUnder(jsonDir), filesUnder(textDir));
      });
    });
  }

  for (const controller of ["argocd", "flux"] as const) {
    it(`--gitops ${controller}: the wiring files are the files under ${controller}/ on disk, and the text names what to apply`, async () => {
      const args = ["render", "--stack", "dev", "--gitops", controller, "--repo-url", "https://git.example.com/platform.git", "--repo-path", "rendered/dev"];
      const dir = path.join(tempDir(), "dev");
      const r = await strata([...args, "--out", dir, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as RenderReport;
      assert.equal(report.gitops?.controller, controller);
      assert.deepEqual([...report.gitops!.files].sort(), filesUnder(dir).filter((f) => f.startsWith(`${controller}/`)));
      assert.ok(report.gitops!.files.length > report.layers.length, "fewer wiring files than layers");
      assert.ok(fs.existsSync(report.gitops!.apply), report.gitops!.apply);
      assert.equal(filesUnder(dir).length, report.files);
      const textDir = path.join(tempDir(), "dev");
      const text = await strata([...args, "--out", textDir]);
      assert.equal(text.code, 0, text.stderr);
      assert.ok(text.stdout.includes(`apply ${report.gitops!.apply.replace(dir, textDir)} `), text.stdout);
      assert.ok(text.stdout.startsWith(`stack dev: rendered ${report.layers.length} layers, ${report.objects} objects, ${report.helmCharts} Helm charts (${report.files} files) to ${textDir}\n`), text.stdout);
    });
  }

  describe("invalid config: check's { stack, configErrors, resources: [] }, exit 2, nothing written", () => {
    const cases: [string, string, { key: string; message: RegExp }[]][] = [
      ["an invalid value and an unknown key", "config:\n  strata:profile: galactic\n  strata:layerz: []\n", [
        { key: "strata:layerz", message: /unknown key/ },
        { key: "strata:profile", message: /expected one of "dev"\|"prod"/ },
      ]],
      ["a stack file whose YAML does not parse", "config:\n  strata:profile: [dev\n", [{ key: "Pulumi.bad.yaml:3:1", message: /\S/ }]],
    ];
    for (const [title, stackFile, expected] of cases) {
      it(title, async () => {
        const project = projectWithBadStack(stackFile);
        const out = path.join(project, "rendered", "bad");
        const r = await strata(["-C", project, "render", "--stack", "bad", "--out", out, "--json"]);
        assert.equal(r.code, 2, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.deepEqual(Object.keys(report).sort(), ["configErrors", "resources", "stack"]);
        assert.deepEqual([report.stack, report.resources], ["bad", []]);
        const errors = [...report.configErrors].sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key));
        assert.deepEqual(errors.map((e: { key: string }) => e.key), expected.map((e) => e.key));
        errors.forEach((e: { message: string }, i: number) => assert.match(e.message, expected[i].message));
        // stderr says the same, in the text form.
        for (const e of errors) assert.ok(r.stderr.includes(`  - ${e.key}: ${e.message}`), r.stderr);
        assert.match(r.stderr, /nothing was rendered\.$/m);
        assert.equal(fs.existsSync(out), false, "something was written");
      });
    }
  });

  it("a usage error (exit 2) prints no JSON: stdout stays empty", async () => {
    const r = await strata(["render", "--stack", "dev", "--out", path.join(tempDir(), "x"), "--json", "--gitops", "jenkins"]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
  });
});
