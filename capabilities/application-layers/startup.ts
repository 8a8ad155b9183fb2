import type { ApplicationLayerSpec } from "../../config/layers/spec";

/**
 * The application layers' startup order (`dependsOn`), as pure functions of the spec: the order the Pulumi
 * component creates them in and a render lists them in, and the Argo CD sync wave of each.
 */

type StartupSpec = Pick<ApplicationLayerSpec, "name" | "dependsOn">;

/**
 * The layers, each after every layer it depends on; otherwise in config order, so that a config without
 * `dependsOn` keeps its order exactly. Config checks rule out cycles; one here is a bug.
 */
export function startupOrder<L extends StartupSpec>(layers: L[]): L[] {
  const placed = new Set<string>();
  const ordered: L[] = [];
  while (ordered.length < layers.length) {
    const next = layers.find((l) => !placed.has(l.name) && l.dependsOn.layers.every((d) => placed.has(d)));
    if (!next) throw new Error(`the layers' dependsOn has a cycle among ${layers.filter((l) => !placed.has(l.name)).map((l) => l.name).join(", ")}`);
    placed.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

/**
 * Each layer's sync wave: 0 when it depends on nothing; else one more than the highest wave among the layers
 * it depends on, where data services count as wave 0 (their objects carry no wave, which Argo CD reads as 0).
 */
export function startupWaves(layers: StartupSpec[]): Map<string, number> {
  const waves = new Map<string, number>();
  for (const layer of startupOrder(layers)) {
    const { layers: after, dataServices } = layer.dependsOn;
    const wave = after.length + dataServices.length === 0 ? 0 : 1 + Math.max(0, ...after.map((d) => waves.get(d)!));
    waves.set(layer.name, wave);
  }
  return waves;
}
