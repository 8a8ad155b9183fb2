import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { KUSTOMIZATION_FILE } from "./render-tree";

/**
 * A copy of a rendered tree (a directory) with every kustomization's `helmCharts:` set aside, for building
 * it with `kubectl kustomize` where charts cannot be inflated (that needs the network and
 * `--enable-helm`). Returns the copy and the entries set aside, by kustomization path.
 */
export function withoutHelmCharts(tree: string): { dir: string; charts: Map<string, unknown[]> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-kustomize-"));
  fs.cpSync(tree, dir, { recursive: true });
  const charts = new Map<string, unknown[]>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === KUSTOMIZATION_FILE).sort()) {
    const full = path.join(dir, file);
    const k = parse(fs.readFileSync(full, "utf8")) as Record<string, unknown>;
    if (!k.helmCharts) continue;
    charts.set(file, k.helmCharts as unknown[]);
    delete k.helmCharts;
    fs.writeFileSync(full, stringify(k));
  }
  return { dir, charts };
}
