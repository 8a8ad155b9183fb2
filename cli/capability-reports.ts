import type { Capability } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import { specReader } from "../config/compose";
import { readStackValues } from "../offline/stack-values";
import { deploymentOrder } from "../stack/deployment-order";
import { validateStackConfig } from "../stack/spec";

/**
 * What the stack's capabilities report about themselves (`Capability.report`: Karpenter's pools against their
 * limits and the spot share), for `strata check`'s summary: the stack config resolved once more (as the
 * program did), each deployed capability's lines in deployment order (as `strata capabilities` lists them).
 */
export function capabilityReports(projectDir: string, stack: string, capabilities: readonly Capability[] = CAPABILITIES): string[] {
  const { values, awsRegion } = readStackValues(projectDir, stack);
  const result = validateStackConfig(values, { awsRegion }, capabilities);
  if (!result.ok) return [];
  const specs = result.spec as unknown as Record<string, unknown>;
  return deploymentOrder(capabilities).flatMap((c) => {
    if (!c.report || specs[c.name] === undefined) return [];
    return c.report(specs[c.name], { platform: result.spec, resolved: specReader((name) => specs[name], c) });
  });
}
