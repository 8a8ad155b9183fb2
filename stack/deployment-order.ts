import type { Capability } from "../capabilities/capability";
import { orderByNeeds } from "../config/compose";

/** Whether a capability offers a hook the application layers are built from. */
export function offersLayerHooks(capability: Capability): boolean {
  return Boolean(capability.layerObjects || capability.layerPodsWaitFor || capability.crdInstaller);
}

/**
 * The order capabilities are deployed and rendered in: each after what it needs, and one that builds on the
 * layer hooks (`consumesLayerHooks`) after every capability that offers one, listed in the registry before
 * or after it; ties in the registry's order.
 */
export function deploymentOrder(capabilities: readonly Capability[]): Capability[] {
  const offering = capabilities.filter(offersLayerHooks).map((c) => c.name);
  const byName = new Map(capabilities.map((c) => [c.name, c]));
  const needs = capabilities.map((c) => ({ name: c.name, needs: c.consumesLayerHooks ? [...new Set([...c.needs, ...offering.filter((name) => name !== c.name)])] : c.needs }));
  return orderByNeeds(needs).map((c) => byName.get(c.name)!);
}
