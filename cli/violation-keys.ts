import { CAPABILITIES } from "../capabilities/registry";
import { overlaidLists } from "../config/compose";
import { applyOverlays, LAYERS_KEY } from "../config/overlays";
import { isObject } from "../config/raw";
import { readStackValues } from "../offline/stack-values";
import type { PolicyViolation } from "../policies/engine/evaluate";

/**
 * The config key behind a policy violation, where one exists: the key a stack sets to change what the rule
 * judged (`strata:layers[3].replicas`), said beside the object. The policy pack judges objects and knows no
 * config (it ships alone), so the mapping is here: a rule's judged field of an application layer's object is
 * one field of that layer; a Karpenter pool's limits are the pool's.
 */

/** The layer field each rule judges in a layer's objects (rules not listed judge what Strata sets, not config). */
const LAYER_FIELD_OF_RULE: Readonly<Record<string, string>> = {
  "placement-spot-resilience": "replicas",
  "placement-stateful-never-spot": "capacityClass",
  "supply-chain-pinned-images": "image",
  "supply-chain-container-resources": "resources",
};

/** A violation with the config key that set what it judged, when there is one. */
export type KeyedViolation = PolicyViolation & { configKey?: string };

/**
 * Each layer's key: the stack file's own entry where the stack names the layer (an overlay or an added one),
 * else its index in the composed list (`strata config show` prints it there), by layer name.
 */
function layerKeys(values: Record<string, unknown>): Map<string, string> {
  const overlaid = applyOverlays(values, overlaidLists(CAPABILITIES), true);
  const layers = Array.isArray(overlaid.raw[LAYERS_KEY]) ? (overlaid.raw[LAYERS_KEY] as unknown[]) : [];
  const origins = overlaid.origins.get(LAYERS_KEY) ?? [];
  const keys = new Map<string, string>();
  layers.forEach((layer, i) => {
    if (!isObject(layer) || typeof layer.name !== "string") return;
    keys.set(layer.name, `${LAYERS_KEY}[${origins[i]?.stackIndex ?? i}]`);
  });
  return keys;
}

/** The violations of a stack's check, each with its config key where one exists (`namespace`: the project's). */
export function withConfigKeys(violations: PolicyViolation[], projectDir: string, stack: string): KeyedViolation[] {
  const { namespace, values } = readStackValues(projectDir, stack);
  const layers = layerKeys(values);
  return violations.map((v) => {
    const key = configKeyOf(v, layers);
    return key ? { ...v, configKey: `${namespace}:${key}` } : v;
  });
}

function configKeyOf(v: PolicyViolation, layers: ReadonlyMap<string, string>): string | undefined {
  if (v.rule === "placement-node-pool-limits" && v.kind === "NodePool") return `karpenter.pools.${v.name}.limits`;
  const field = LAYER_FIELD_OF_RULE[v.rule];
  const layer = v.namespace === null ? undefined : layers.get(v.namespace);
  return field && layer ? `${layer}.${field}` : undefined;
}
