import type { ConfigIssue } from "../issues";
import { isObject } from "../raw";
import { layerIssues } from "./checks";
import { tenancyIssues } from "./tenancy-checks";

/**
 * The checks of the core keys (`layers`, `tenants`) that need no capability: names, peers, ports,
 * resources, scaling, startup order, tenants and their copies. `reserved`: the namespaces no layer (or
 * tenant's copy) may take: Kubernetes' own and every capability's.
 */
export function coreIssues(raw: unknown, layers: unknown[], reserved: ReadonlySet<string>): ConfigIssue[] {
  if (!isObject(raw)) return [];
  return [...layerIssues(raw, layers, reserved), ...tenancyIssues(raw, layers, reserved)];
}
