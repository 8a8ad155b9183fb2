import { dataServiceNames, isDataServiceName } from "../../platform/data-services";
import type { ConfigIssue } from "../issues";
import { asArray, isObject, isString } from "../raw";

/**
 * Checks of the layers' startup order (`layers[i].dependsOn`): each entry names another layer or a data
 * service, at most once; and the order has no cycle, each cycle reported once with its path. Whether a named
 * data service is deployed is that service's check (config/data-services.ts). Like checks.ts they read the
 * raw config defensively.
 */

/** A valid dependency on another layer: its index, and where the entry stands in the dependent's list. */
interface LayerEdge {
  to: number;
  entry: number;
}

export function startupOrderIssues(layers: unknown[]): ConfigIssue[] {
  const names = layers.map((layer) => (isObject(layer) && isString(layer.name) ? layer.name : undefined));
  // A duplicate name is its own issue (checks.ts); dependencies on it go to its first layer.
  const firstIndex = new Map<string, number>();
  names.forEach((name, i) => name !== undefined && !firstIndex.has(name) && firstIndex.set(name, i));

  const issues: ConfigIssue[] = [];
  const edges: LayerEdge[][] = layers.map(() => []);
  layers.forEach((layer, i) => {
    if (!isObject(layer)) return;
    const seen = new Set<string>();
    asArray(layer.dependsOn).forEach((name, j) => {
      if (!isString(name)) return;
      const listed = seen.has(name);
      seen.add(name);
      const path = `layers[${i}].dependsOn[${j}]`;
      if (listed) issues.push({ path, message: `"${name}" is listed twice` });
      else if (name === names[i]) issues.push({ path, message: `a layer cannot depend on itself ("${name}")` });
      else if (isDataServiceName(name)) return;
      else if (!firstIndex.has(name)) {
        issues.push({ path, message: `"${name}" is neither a layer (${[...firstIndex.keys()].join(", ")}) nor a data service (${dataServiceNames.join(", ")})` });
      } else edges[i].push({ to: firstIndex.get(name)!, entry: j });
    });
  });
  for (const cycle of cycles(edges)) {
    const [first, second] = cycle;
    const entry = edges[first].find((e) => e.to === second)!.entry;
    issues.push({ path: `layers[${first}].dependsOn[${entry}]`, message: `cycle ${[...cycle, first].map((i) => names[i]).join(" → ")}: no layer of it could ever start` });
  }
  return issues;
}

/**
 * The cycles a depth-first search meets (one per edge back onto the search path, so every cyclic part of
 * the graph shows up), each as layer indexes rotated to start at its lowest, and each once.
 */
function cycles(edges: LayerEdge[][]): number[][] {
  const state = edges.map((): "new" | "open" | "done" => "new");
  const path: number[] = [];
  const found = new Map<string, number[]>();
  const visit = (node: number): void => {
    state[node] = "open";
    path.push(node);
    for (const { to } of edges[node]) {
      if (state[to] === "new") visit(to);
      else if (state[to] === "open") {
        const cycle = path.slice(path.indexOf(to));
        const start = cycle.indexOf(Math.min(...cycle));
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(rotated.join(","), rotated);
      }
    }
    path.pop();
    state[node] = "done";
  };
  edges.forEach((_, node) => state[node] === "new" && visit(node));
  return [...found.values()];
}
