import type { Capability } from "../../capabilities/capability";
import { CAPABILITIES } from "../../capabilities/registry";
import { dataServiceNames } from "../../platform/data-services";
import { groupOf, isCoreGroup } from "../../validation/core-models";
import type { RenderedLayer } from "../render-tree";

/** What a GitOps controller must know of a layer to order it: what it waits for, its wave, whether its own CRDs come with it. */
export interface LayerOrder {
  name: string;
  /** The layers it waits for: those whose charts install the CRDs of its custom resources, and (application layers) its dependsOn. */
  after: string[];
  /** 0: waits for nothing; else one more than the highest wave it waits for. */
  wave: number;
  /** It holds custom resources whose CRDs arrive in the same sync (its own chart's): a dry run cannot know them yet. */
  ownCrds: boolean;
}

/** The startup dependencies of application layers (`dependsOn`), by layer name. */
export type StartupDependencies = ReadonlyMap<string, { layers: string[]; dataServices: string[] }>;

/**
 * The order a GitOps controller applies the layers in: CRD-bearing charts first, the custom resources that
 * need them after, each application layer after its `dependsOn`. A layer waits for the layer whose capability
 * declares the API group of one of its custom resources (and installs the chart that brings its CRDs).
 */
export function layerOrder(layers: readonly RenderedLayer[], startup: StartupDependencies, capabilities: readonly Capability[] = CAPABILITIES): LayerOrder[] {
  const present = new Set(layers.map((l) => l.name));
  const provider = new Map<string, string>();
  for (const c of capabilities) for (const group of c.crdGroups) if (present.has(c.name)) provider.set(group, c.name);

  const after = new Map<string, string[]>();
  const ownCrds = new Map<string, boolean>();
  for (const layer of layers) {
    const groups = new Set(layer.objects.filter((o) => !isCoreGroup(o.apiVersion)).map((o) => groupOf(o.apiVersion)));
    const providers = [...groups].map((g) => provider.get(g));
    const deps = new Set(providers.filter((p): p is string => p !== undefined && p !== layer.name));
    const declared = startup.get(layer.name);
    for (const d of declared?.layers ?? []) deps.add(d);
    for (const d of declared?.dataServices ?? []) if ((dataServiceNames as readonly string[]).includes(d) && present.has(d)) deps.add(d);
    after.set(layer.name, [...deps]);
    ownCrds.set(layer.name, providers.some((p) => p === layer.name || p === undefined));
  }

  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (name: string): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    // A cycle (two operators using each other's kinds) is broken here: such layers share a wave, and a dry run skips the missing kinds.
    if (visiting.has(name)) return -1;
    visiting.add(name);
    const wave = Math.max(-1, ...(after.get(name) ?? []).map(waveOf)) + 1;
    visiting.delete(name);
    waves.set(name, wave);
    return wave;
  };
  return layers.map((l) => {
    const wave = waveOf(l.name);
    const cyclic = (after.get(l.name) ?? []).some((d) => (waves.get(d) ?? 0) >= wave);
    return { name: l.name, after: after.get(l.name) ?? [], wave, ownCrds: ownCrds.get(l.name)! || cyclic };
  });
}
