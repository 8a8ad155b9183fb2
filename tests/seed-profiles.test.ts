import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { objectKey, type KubernetesObject } from "../manifests/kubernetes-object";
import { readProjectFile, stackNames } from "../config/stack-file";
import { renderStack, writeTree } from "../render";
import { validateObjects } from "../validation";
import { strata } from "./cli-support";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { kustomize, withoutHelmCharts } from "./kube-tools";
import { tempDir, treeObjects } from "./render-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * What every seed profile must do, whatever its seed: `strata check --stack <s>` passes (no mandatory
 * violation, no schema error against the upstream CRDs), its render builds with kubectl kustomize, and the
 * docs/seed-profiles.md lists it with its requirement table. The seeds' own numbers: tests/seed-<stack>.test.ts.
 */

const SEED_PAGE = () => fs.readFileSync(path.join(PROJECT_DIR, "docs", "seed-profiles.md"), "utf8");
const table = (stack: string) => `docs/profiles/${stack}.md`;

/** `strata:layers` → `layers`; other namespaces keep theirs (`aws:region`). */
const configKeyName = (key: string) => key.replace(/^strata:/, "");

/**
 * The paths of every setting a stack file sets, as the tables write them: `postgres.backups.retentionDays`; an
 * element of a list of named objects by its name, `layers[l1-reflexive].replicas`; any other list is one setting
 * (`layers[l1-reflexive].peers`, `layers[agent].autoscaling.metrics`).
 */
export function configLeaves(config: Record<string, unknown>): string[] {
  const leaves: string[] = [];
  const walk = (value: unknown, at: string) => {
    const named = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "object" && v !== null && typeof (v as any).name === "string");
    if (named) for (const v of value as { name: string }[]) walk(Object.fromEntries(Object.entries(v).filter(([k]) => k !== "name")), `${at}[${v.name}]`);
    else if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) walk(v, at === "" ? k : `${at}.${k}`);
    } else leaves.push(at);
  };
  for (const [key, value] of Object.entries(config)) walk(value, configKeyName(key));
  return leaves;
}

/**
 * The config paths a table's config-key column names (each row's fourth cell, every `code` span in it), read as
 * the tables write them: a trailing value is dropped (`redis.leaders: 3` → `redis.leaders`); a span starting with
 * a dot continues the previous path's parent (`layers[l1].replicas`, `.resources` → `layers[l1].resources`); a
 * bare key that is no top-level key is a child of the previous full path (`postgres.instances[pgha1]`: `replicas: 3`).
 */
export function configKeyColumn(doc: string, topLevel: string[]): string[] {
  const paths: string[] = [];
  for (const row of doc.split("\n").filter((l) => /^\| \d+ \|/.test(l))) {
    const cell = row.split(" | ")[3] ?? "";
    let previous: string | undefined;
    let base: string | undefined;
    for (const [, span] of cell.matchAll(/`([^`]+)`/g)) {
      const key = configKeyName(span.replace(/:\s.*$/, "").trim());
      if (!/^\.?[A-Za-z][\w:-]*(\[[^\]]+\]|\.[\w-]+)*$/.test(key)) continue;
      const parent = (p: string) => p.replace(/(\.[\w-]+|\[[^\]]+\])$/, "");
      let full: string;
      if (key.startsWith(".")) {
        if (previous === undefined) continue;
        full = parent(previous) + key;
      } else if (topLevel.includes(key.split(/[.[]/)[0])) full = base = key;
      else if (base !== undefined) full = `${base}.${key}`;
      else continue;
      paths.push(full);
      previous = full;
    }
  }
  return paths;
}

/**
 * Whether the named paths document a setting: a path names it, or names an ancestor with at least two keys
 * (`layers[l1].resources` documents `layers[l1].resources.requests.cpu`, `cluster.nodeGroups` every pool's
 * sizes), never a bare top-level key or list element (`layers`, `layers[l1]`). An element written with a name
 * that is no element's (`layers[i]`, `layers[lN]`) stands for every element.
 */
export function documents(named: string[], leaf: string, leaves: string[]): boolean {
  const segments = (p: string) => p.match(/\[[^\]]+\]|[^.[]+/g) ?? [];
  const elements = new Set(leaves.flatMap(segments).filter((x) => x.startsWith("[")));
  const target = segments(leaf);
  return named.some((path) => {
    const s = segments(path);
    if (s.length > target.length) return false;
    if (s.length < target.length && s.filter((x) => !x.startsWith("[")).length < 2) return false;
    return s.every((x, i) => x === target[i] || (x.startsWith("[") && target[i].startsWith("[") && !elements.has(x)));
  });
}

describe("seed profiles", () => {
  it("every stack file of the project is dev, prod or a seed profile (so each is tested)", () => {
    assert.deepEqual(stackNames(PROJECT_DIR, readProjectFile(PROJECT_DIR)), [...STACKS, ...SEED_STACKS].sort());
  });

  it("docs/seed-profiles.md lists exactly the seed profiles, each with its table and the command that checks it", () => {
    const section = SEED_PAGE().split(/^# Seed profiles$/m)[1]?.split(/^# /m)[0];
    assert.ok(section, "docs/seed-profiles.md has no \"# Seed profiles\" heading");
    const rows = section.split("\n").filter((l) => /^\| `[a-z0-9-]+` \|/.test(l));
    assert.deepEqual(rows.map((r) => /^\| `([a-z0-9-]+)`/.exec(r)![1]), [...SEED_STACKS]);
    for (const [i, stack] of SEED_STACKS.entries()) {
      // The page is under docs/: its links are relative to it.
      assert.ok(rows[i].includes(`](${path.relative("docs", table(stack))})`), `${stack}: no link to ${table(stack)}`);
      assert.ok(rows[i].includes(`\`npx strata check --stack ${stack}`), `${stack}: no check command`);
    }
  });

  for (const stack of SEED_STACKS) {
    describe(stack, () => {
      it(`${table(stack)}: a requirement table whose config-key column names every setting the stack sets`, () => {
        const doc = fs.readFileSync(path.join(PROJECT_DIR, table(stack)), "utf8");
        assert.match(doc, /^\| # \| requirement \| source \(seed \d{3}\) \| config key \| covered\? \|$/m);
        const config = parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;
        const named = configKeyColumn(doc, Object.keys(config).map(configKeyName));
        const leaves = configLeaves(config);
        const missing = leaves.filter((leaf) => !documents(named, leaf, leaves));
        assert.deepEqual(missing, [], `${table(stack)}: settings of Pulumi.${stack}.yaml its config-key column never names`);
      });

      it(`strata check --stack ${stack} --crds ../shared/crds: exit 0, no violation, no schema error (the prod profile's pack config)`, async function () {
        requireSharedCrds(this);
        const r = await strata(["check", "--stack", stack, "--json", "--crds", SHARED_CRDS]);
        assert.equal(r.status, 0, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.deepEqual([report.violations, report.schemaErrors], [[], []]);
        assert.equal(report.outputs.profile, "prod");
        // Its profile's pack config, with nothing to say about it: prod's exemptions are the ones applied.
        assert.doesNotMatch(r.stderr, /policy config/);
        assert.ok(report.exemptions.some((e: { kind: string; name: string }) => e.kind === "Namespace" && e.name === "istio-cni"), "prod's istio-cni exemption");
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
        const validation = validateObjects(objects, { crds: [SHARED_CRDS] });
        assert.deepEqual(validation.schemaErrors, []);
        assert.deepEqual(validation.unvalidated, []);
        assert.equal(validation.validated, objects.length);
      });
    });
  }
});
