import type { KubernetesObject } from "../manifests/kubernetes-object";

/**
 * File names of a layer's objects: `<kind>-<name>.yaml` (lower case), with the namespace added,
 * `<kind>-<namespace>-<name>.yaml`, for objects whose short name another object of the layer shares.
 * Stable: the same objects always get the same names.
 */
export function objectFileNames(objects: KubernetesObject[]): string[] {
  const short = objects.map((o) => `${o.kind.toLowerCase()}-${o.metadata.name}.yaml`);
  const count = new Map<string, number>();
  for (const name of short) count.set(name, (count.get(name) ?? 0) + 1);
  const names = objects.map((o, i) => (count.get(short[i])! > 1 ? `${o.kind.toLowerCase()}-${o.metadata.namespace ?? "cluster"}-${o.metadata.name}.yaml` : short[i]));
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (seen.has(name)) throw new Error(`two objects of the layer would both be written to ${name} (${objects[i].kind} ${objects[i].metadata.name})`);
    seen.add(name);
  }
  return names;
}
