import { z } from "zod";
import type { CapabilityConfig, CheckContext, CoreResolution, ResolvedSpecs } from "./capability-config";
import { fromZodIssues, normalizeIssues, type ConfigIssue } from "./issues";
import { coreIssues } from "./layers/core-checks";
import { defaultLayers } from "./layers/default-layers";
import { resolveCore } from "./layers/resolve";
import { applicationLayerSchema } from "./layers/schema";
import { tenantSchema } from "./layers/tenancy-schema";
import { profileNames } from "./profiles";
import { isObject, layersOf, profileOf } from "./raw";
import { applyOverlays, issueInStackFile, LAYERS_KEY, REPLACE_DEFAULTS_KEY, type OverlaidList } from "./overlays";
import { kubernetesNamespaces } from "../platform/namespaces";

/**
 * The stack config composed of the capabilities' slices: one schema (the profile, the application layers,
 * the tenants, then each capability's key), validated in one pass. Capabilities are checked and resolved
 * in the order of their needs, each seeing the resolved config of what it needs; every problem of every
 * key is reported at once, before anything is registered.
 */

/** What the program knows beside the `strata:` config. */
export interface ValidationContext {
  /** The AWS provider's region (`aws:region`), when set. */
  awsRegion?: string;
}

/**
 * The capabilities in an order where each comes after everything it needs; among those ready at a step, the
 * one listed first. A need that is not listed, or needs that form a cycle, are a bug of the list, said at once.
 */
export function orderByNeeds<C extends Pick<CapabilityConfig, "name" | "needs">>(capabilities: readonly C[]): C[] {
  const byName = new Map<string, C>();
  for (const c of capabilities) {
    if (byName.has(c.name)) throw new Error(`two capabilities are named "${c.name}"`);
    if (RESERVED_NAMES.has(c.name)) throw new Error(`a capability cannot be named "${c.name}": the core config and spec use that name`);
    byName.set(c.name, c);
  }
  for (const c of capabilities) for (const need of c.needs) if (!byName.has(need)) throw new Error(`capability "${c.name}" needs "${need}", which is not registered`);
  const placed = new Set<string>();
  const ordered: C[] = [];
  while (ordered.length < capabilities.length) {
    const next = capabilities.find((c) => !placed.has(c.name) && c.needs.every((n) => placed.has(n)));
    if (!next) throw new Error(`capabilities need each other in a cycle: ${cycleAmong(capabilities.filter((c) => !placed.has(c.name)), byName).join(" → ")}`);
    placed.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

/** Names the core takes: a capability of that name would overwrite the core's field of the spec. */
const RESERVED_NAMES = new Set(["profile", "placement", "layers", "tenants"]);

/** One cycle among capabilities none of which can be placed: follow unplaced needs until a name repeats. */
function cycleAmong<C extends Pick<CapabilityConfig, "name" | "needs">>(stuck: C[], byName: Map<string, C>): string[] {
  const stuckNames = new Set(stuck.map((c) => c.name));
  const path: string[] = [];
  let current = stuck[0];
  while (!path.includes(current.name)) {
    path.push(current.name);
    current = byName.get(current.needs.find((n) => stuckNames.has(n))!)!;
  }
  return [...path.slice(path.indexOf(current.name)), current.name];
}

/** The keys every stack config has before any capability's: the profile, the application layers, the tenants. */
const coreShape = {
  /** dev | prod: picks the defaults (replicas, zone spread, PDBs); explicit keys override. */
  profile: z.enum(profileNames),
  /** Application layers; when absent, the default set L0–L5. */
  layers: z.array(applicationLayerSchema).min(1).optional(),
  /** Tenants: each gets its own copy (namespace set) of the per-tenant layers; see docs/configuration.md "Tenancy". */
  tenants: z.array(tenantSchema).min(1).optional(),
};

/** The application layers' defaults, overlaid by the stack's `layers` (config/overlays.ts). */
const layersList: OverlaidList = { key: LAYERS_KEY, entries: "objects", noun: "layer", defaults: () => defaultLayers };

/** Every list with defaults that a stack overlays: the layers, then each capability's (`kafka.topics`, ...). */
export function overlaidLists(capabilities: readonly CapabilityConfig[]): OverlaidList[] {
  const own = capabilities.flatMap((c) => (c.config?.lists ?? []).map(({ field, ...list }) => ({ ...list, key: `${c.config!.key}.${field}` })));
  return [layersList, ...own];
}

/** `replaceDefaults`: the lists that start empty instead of from their defaults. */
function replaceDefaultsSchema(lists: readonly OverlaidList[]) {
  const keys = lists.map((l) => l.key) as [string, ...string[]];
  return z
    .array(z.enum(keys))
    .refine((names) => new Set(names).size === names.length, { message: "lists a key twice" })
    .optional();
}

/** The whole stack config's schema (`strata:<key>` in Pulumi.<stack>.yaml). Unknown keys are errors: a typo must not fall back to a default. */
export function composeStackSchema(capabilities: readonly CapabilityConfig[]) {
  const slices: Record<string, z.ZodType> = {};
  for (const c of capabilities) {
    if (!c.config) continue;
    const key = c.config.key;
    if (key !== c.name) throw new Error(`capability "${c.name}" takes the config key "${key}": a capability's key is its name`);
    if (key in coreShape || key in slices) throw new Error(`capability "${c.name}" takes the config key "${key}", which is already taken`);
    slices[key] = c.config.schema.optional();
  }
  return z.object({ ...coreShape, [REPLACE_DEFAULTS_KEY]: replaceDefaultsSchema(overlaidLists(capabilities)), ...slices }).strict();
}

/** A stack config that passed: the core and each deployed capability's spec, by capability name. */
export interface ComposedConfig {
  core: CoreResolution;
  /** Each deployed capability's resolved spec, by name; a capability absent here is not deployed. */
  specs: ReadonlyMap<string, unknown>;
}

export type ComposedValidation = { ok: true; config: ComposedConfig } | { ok: false; issues: ConfigIssue[] };

/** The specs `reader` may read: its own and those of the capabilities it needs (reading another is a bug, said at once). */
export function specReader(lookup: (name: string) => unknown, reader: Pick<CapabilityConfig, "name" | "needs">): ResolvedSpecs {
  return {
    of<S>(capability: CapabilityConfig<S>): S | undefined {
      if (capability.name !== reader.name && !reader.needs.includes(capability.name)) {
        throw new Error(`capability "${reader.name}" reads "${capability.name}" without needing it: add it to its needs`);
      }
      return lookup(capability.name) as S | undefined;
    },
  };
}

/**
 * Validates a stack config (keys without the `strata:` prefix) against the composition of `capabilities`
 * and resolves it. Each capability is resolved once its slice parses, its checks pass and what it needs
 * has resolved, so that a later capability's checks see it; the result is returned only when nothing at
 * all is wrong.
 */
export function validateComposedConfig(stack: unknown, capabilities: readonly CapabilityConfig[], context: ValidationContext = {}): ComposedValidation {
  const ordered = orderByNeeds(capabilities);
  const schema = composeStackSchema(capabilities);
  if (!isObject(stack)) {
    const parsed = schema.safeParse(stack);
    return { ok: false, issues: fromZodIssues(parsed.success ? [] : parsed.error.issues, stack, schema) };
  }
  // The overlaid lists expanded: from here on the config reads as if the stack had restated them whole.
  const overlaid = applyOverlays(stack, overlaidLists(capabilities));
  const raw = overlaid.raw;
  const parsed = schema.safeParse(raw);
  const issues: ConfigIssue[] = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues, raw, schema))];
  // Each key's value as its schema reads it, for the keys that parse (a whole-config parse fails as a whole).
  const data: Record<string, unknown> = parsed.success ? parsed.data : sliceData(raw, schema);
  const sliceOk = (key: string) => key in data || raw[key] === undefined;

  const reserved = new Set<string>([...kubernetesNamespaces, ...ordered.flatMap((c) => c.namespaces.map((n) => n.name))]);
  // Malformed layers check as the defaults would, unless the stack starts them empty (the schema says what is wrong).
  const layers = layersOf(raw, overlaid.layersFromDefaults ? defaultLayers : []);
  const coreProblems = coreIssues(raw, layers, reserved);
  issues.push(...coreProblems);
  const coreOk = coreProblems.length === 0 && data.profile !== undefined && sliceOk("layers") && sliceOk("tenants");
  const core = coreOk ? resolveCore(data as unknown as Parameters<typeof resolveCore>[0], defaultLayers, overlaid.layersFromDefaults) : undefined;

  const specs = new Map<string, unknown>();
  const resolvedOk = new Set<string>();
  for (const capability of ordered) {
    const check: CheckContext = {
      raw,
      profile: profileOf(raw),
      layers,
      defaultLayers: overlaid.layersFromDefaults,
      awsRegion: context.awsRegion,
      core,
      resolved: specReader((name) => specs.get(name), capability),
    };
    const own = attributed(capability, "checks", () => capability.checks?.(check) ?? []);
    issues.push(...own);
    const key = capability.config?.key;
    if (!core || own.length || (key !== undefined && !sliceOk(key)) || !capability.needs.every((n) => resolvedOk.has(n))) continue;
    const spec = attributed(capability, "resolve", () =>
      capability.resolve({
        input: key === undefined ? undefined : data[key],
        profile: core.spec.profile,
        core,
        awsRegion: context.awsRegion,
        resolved: specReader((name) => specs.get(name), capability),
      }),
    );
    resolvedOk.add(capability.name);
    if (spec !== undefined) specs.set(capability.name, spec);
  }
  const all = normalizeIssues([...overlaid.issues, ...issues.map((i) => issueInStackFile(i, overlaid))]);
  if (all.length || !core) return { ok: false, issues: all };
  return { ok: true, config: { core, specs } };
}

/** A capability's function run so that a failure of it names the capability (a bug in it, not in the config). */
function attributed<T>(capability: CapabilityConfig, what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new Error(`capability "${capability.name}": its ${what} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The value of each key that parses on its own. */
function sliceData(raw: Record<string, unknown>, schema: ReturnType<typeof composeStackSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (raw[key] === undefined) continue;
    const result = (field as z.ZodType).safeParse(raw[key]);
    if (result.success) out[key] = result.data;
  }
  return out;
}
