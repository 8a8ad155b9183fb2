import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { KUSTOMIZATION_FILE } from "./render-tree";

/**
 * A copy of a rendered tree with every kustomization's `helmCharts:` set aside, for `kubectl kustomize`
 * without the network (inflating a chart downloads it), returning the entries set aside by kustomization
 * path. What kustomize builds from the copy is every object of the render; the chart entries are checked
 * on their own.
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
