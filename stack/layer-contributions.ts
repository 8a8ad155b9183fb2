import type { CoreSpec, ResolvedSpecs } from "../config/capability-config";
import type { ApplicationLayerSpec } from "../config/layers/spec";
import type { Capability } from "../capabilities/capability";
import type { KubernetesObject } from "../manifests/kubernetes-object";

/**
 * What the deployed capabilities add to an application layer's namespace (`layerObjects`), in registry
 * order: the one list a render writes into the layer's directory and the layer's component registers.
 */
export function layerContributions(deployed: readonly Capability[], platform: CoreSpec, specs: Readonly<Record<string, unknown>>) {
  const contributors = deployed.filter((c) => c.layerObjects);
  return (layer: ApplicationLayerSpec, readerFor: (capability: Capability) => ResolvedSpecs): KubernetesObject[] =>
    contributors.flatMap((c) => c.layerObjects!(specs[c.name], layer, { platform, resolved: readerFor(c) }));
}
