import type { RecordedResource } from "../offline/recorder";

/** Resource counts for `strata check`'s summary: per layer (a component directly under the Platform) and per type. */

const PLATFORM_TYPE = "strata:platform:Platform";

/**
 * Counts of custom (non-component) resources under each layer: the component directly under the Platform
 * that the resource descends from (the cluster, each application layer). Others count under "(platform)".
 */
export function countByLayer(resources: RecordedResource[]): Map<string, number> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const counts = new Map<string, number>();
  for (const resource of resources) {
    if (!resource.custom) continue;
    let owner = "(platform)";
    for (let p: RecordedResource | undefined = resource; p; p = p.parent ? byUrn.get(p.parent) : undefined) {
      const parent = p.parent ? byUrn.get(p.parent) : undefined;
      if (parent?.type === PLATFORM_TYPE && p !== resource) {
        owner = p.name;
        break;
      }
    }
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return counts;
}

export function countByType(resources: RecordedResource[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function table(rows: [string, string | number][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
}

/** Output leaves as `path = value` lines. */
export function flattenOutputs(value: unknown, path = ""): [string, string][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flattenOutputs(v, path ? `${path}.${k}` : k));
  }
  return [[path, typeof value === "string" ? value : JSON.stringify(value)]];
}

export function formatSummary(stack: string, resources: RecordedResource[], outputs: Record<string, unknown>): string {
  const lines = [`stack ${stack}: ${resources.length} resources (offline run under mocks: no cloud, no cluster)`];
  lines.push("", "resources per layer:", ...table([...countByLayer(resources)]));
  lines.push("", "resources per type:", ...table([...countByType(resources)]));
  lines.push("", "outputs:", ...flattenOutputs(outputs).map(([k, v]) => `  ${k} = ${v}`));
  return lines.join("\n");
}
