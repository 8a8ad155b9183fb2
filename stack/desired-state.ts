import { specReader } from "../config/compose";
import type { Capability, DesiredStateContext } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import type { CloudContext, LayerDesiredState } from "../manifests/layer-desired-state";
import { deploymentOrder } from "./deployment-order";
import { layerContributions } from "./layer-contributions";
import type { PlatformSpec } from "./spec";

export type { CloudContext, LayerDesiredState } from "../manifests/layer-desired-state";

/**
 * The whole platform's Kubernetes desired state, layer by layer, in registry order (each capability after
 * what it needs; the application layers last, in their startup order, each with its sync wave): the very
 * functions the capabilities' components register. This is the seam `strata render` writes.
 *
 * Where a component passes its cloud resources' outputs (buckets, IRSA roles, Postgres's backup
 * repositories), this passes `context.cloud`'s values: configured ones (an existing cluster's buckets and
 * roles, `gitops`), else placeholders. Generated secrets (the Redis password) appear as Secrets without
 * their value.
 */
export function platformDesiredState(spec: PlatformSpec, context: CloudContext, capabilities: readonly Capability[] = CAPABILITIES): LayerDesiredState[] {
  const specs = spec as unknown as Record<string, unknown>;
  const deployed = deploymentOrder(capabilities).filter((c) => specs[c.name] !== undefined);
  const lookup = (name: string) => specs[name];
  const contributions = layerContributions(deployed, spec, specs);
  return deployed.flatMap((capability) => {
    if (!capability.desiredState) return [];
    const desired: DesiredStateContext = {
      ...context,
      platform: spec,
      resolved: specReader(lookup, capability),
      layerObjects: (layer) => contributions(layer, (c) => specReader(lookup, c)),
    };
    return capability.desiredState(specs[capability.name], desired);
  });
}
