import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { registeredKubernetesObjects } from "../offline/kubernetes-objects";
import { runStackOffline } from "../offline/run";
import { renderStack, withoutHelmCharts, writeTree } from "../render";
import { SchemaValidator } from "../validation";
import { writeSyntheticProject } from "./synthetic-stack";

/**
 * `npm run bench`: median wall time of `render` (desired state → files on disk) and `check` (the program
 * under mocks + schema validation of every object) for dev, prod and a synthetic 200-layer stack, and of
 * the real `kubectl kustomize` building the same rendered tree (helmCharts entries set aside), with the
 * ratio kustomize/render.
 * Informational: nothing here is asserted.
 */

const PROJECT_DIR = path.resolve(__dirname, "..", "..");
const SHARED_CRDS = path.resolve(PROJECT_DIR, "..", "shared", "crds");
const crds = fs.existsSync(SHARED_CRDS) ? [SHARED_CRDS] : undefined;
const kubectl = path.join(execFileSync(process.execPath, [path.join(PROJECT_DIR, "scripts", "install-kube-tools.js")], { encoding: "utf8" }).trim(), "kubectl");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(runs: number, action: () => unknown, warmUp = true): Promise<number> {
  if (warmUp) await action(); // module loading, CRD compilation: not what a run costs
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function benchStack(projectDir: string, stack: string, runs: number, validator: SchemaValidator) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `strata-bench-${stack}-`));
  let objects = 0;
  const render = await time(runs, () => {
    const result = renderStack(projectDir, stack);
    if (!result.ok) throw new Error(`stack ${stack}: invalid config`);
    writeTree(result.tree, out);
    objects = result.tree.layers.reduce((n, l) => n + l.objects.length, 0);
  });
  let errors = 0;
  const check = await time(runs, async () => {
    const run = await runStackOffline(projectDir, stack);
    if (!run.ok) throw new Error(`stack ${stack}: invalid config`);
    errors = validator.validate(registeredKubernetesObjects(run.resources)).schemaErrors.length;
  });
  // Charts cannot be inflated offline: kustomize builds the tree with its helmCharts entries set aside.
  const plain = withoutHelmCharts(out).dir;
  const kustomize = await time(runs, () => {
    const r = spawnSync(kubectl, ["kustomize", plain], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(r.stderr);
  }, false);
  return { stack, objects, errors, render, check, kustomize };
}

async function main() {
  const validator = new SchemaValidator({ crds });
  const synthetic = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bench-project-"));
  writeSyntheticProject(PROJECT_DIR, synthetic, "synthetic200", 200);
  const rows = [
    await benchStack(PROJECT_DIR, "dev", 5, validator),
    await benchStack(PROJECT_DIR, "prod", 5, validator),
    await benchStack(synthetic, "synthetic200", 3, validator),
  ];
  const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(9);
  console.log(`median wall time (node ${process.version}, ${os.cpus().length} cores; check validates against ${crds ? `OpenAPI + CRDs in ${SHARED_CRDS}` : "OpenAPI only (../shared/crds absent)"})`);
  console.log(`${"stack".padEnd(14)} ${"objects".padStart(7)} ${"render".padStart(9)} ${"check".padStart(9)} ${"kustomize".padStart(9)}  kustomize/render  schemaErrors`);
  for (const r of rows) {
    console.log(`${r.stack.padEnd(14)} ${String(r.objects).padStart(7)} ${ms(r.render)} ${ms(r.check)} ${ms(r.kustomize)}  ${`${(r.kustomize / r.render).toFixed(2)}x`.padStart(16)}  ${r.errors}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
