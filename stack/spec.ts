import type { CapabilityConfig, CoreSpec } from "../config/capability-config";
import { composeStackSchema, validateComposedConfig, type ValidationContext } from "../config/compose";
import type { ConfigIssue } from "../config/issues";
import { CAPABILITIES } from "../capabilities/registry";

/** The capabilities a stack is composed of: the registry's, or (tests, libraries) a list of one's own. */
export type CapabilityList = readonly CapabilityConfig[];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** A capability's field of the resolved spec: its name (its config key too), optional where its resolve may say "not deployed". */
type SpecField<C> = C extends { name: infer N extends string; resolve: (...args: never[]) => infer R }
  ? undefined extends R
    ? { [P in N]?: Exclude<R, undefined> }
    : { [P in N]: R }
  : unknown;

/**
 * A stack's resolved config: the application layers (the core) and each deployed capability's spec under
 * its name (which is its config key), every default applied. Derived from the registry: a capability's folder and its registry
 * line are all it takes to appear here.
 */
export type PlatformSpec = CoreSpec & UnionToIntersection<SpecField<(typeof CAPABILITIES)[number]>>;

export type ValidationResult = { ok: true; spec: PlatformSpec } | { ok: false; issues: ConfigIssue[] };

/**
 * Validates a whole stack config (the values under the project's namespace, keys without the prefix) and
 * resolves it. Every problem is reported at once, each with its key path. `context` adds what the program
 * knows from outside the namespace (the AWS region), for the checks that need it.
 */
export function validateStackConfig(raw: unknown, context: ValidationContext = {}, capabilities: CapabilityList = CAPABILITIES): ValidationResult {
  const result = validateComposedConfig(raw, capabilities, context);
  if (!result.ok) return result;
  const { core, specs } = result.config;
  return { ok: true, spec: { ...core.spec, ...Object.fromEntries(specs) } as PlatformSpec };
}

/** The stack config's schema composed of the registry's capabilities (`strata config-schema` prints it). */
export const stackConfigSchema = composeStackSchema(CAPABILITIES);
