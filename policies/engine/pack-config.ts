import { z } from "zod";
import { fromZodIssues, normalizeIssues, type ConfigIssue } from "./config-issues";
import { exemptionSchema } from "./exemption";
import { isObject } from "./fields";
import { enforcementLevels, type EnforcementLevel, type PolicyRule, type RuleOptions } from "./rule";

/**
 * The pack's config, in the format `pulumi preview --policy-pack-config <file>` reads: an object keyed by
 * rule name (plus "all"), each value an enforcement level or `{ enforcementLevel?, ...properties }`. Every
 * rule takes `exemptions` (the objects that may break it, by kind and name or selector, each with a reason;
 * see exemption.ts); some take more (Pod Security
 * rules `version`, the Helm allow-list `allowedCharts`). Strata validates the whole file with one schema
 * before anything runs, so a typo in a rule name or an exemption without a reason is an error, not a silent
 * no-op as it would be in the engine.
 */

const enforcementLevel = z.enum(enforcementLevels);

export { EXEMPTION_REASON_REQUIRED, EXEMPTION_TARGET_REQUIRED, exemptionSchema } from "./exemption";

/** The properties one rule takes (what CrossGuard's configSchema declares for it). */
export function ruleConfigSchema(rule: PolicyRule) {
  return z.object({ exemptions: z.array(exemptionSchema).optional(), ...(rule.configProperties ?? {}) }).strict();
}

export function packConfigSchema(rules: readonly PolicyRule[]) {
  const entries = Object.fromEntries(rules.map((rule) => [rule.name, ruleConfigSchema(rule).extend({ enforcementLevel: enforcementLevel.optional() }).optional()]));
  return z.object({ all: z.object({ enforcementLevel: enforcementLevel.optional() }).strict().optional(), ...entries }).strict();
}

/** A rule's configuration, resolved: its level and its options. */
export interface RuleSettings {
  enforcementLevel: EnforcementLevel;
  options: RuleOptions;
}

export type PackSettings = ReadonlyMap<string, RuleSettings>;

export type PackConfigResult = { ok: true; settings: PackSettings } | { ok: false; issues: ConfigIssue[] };

/** The engine's shorthand: `"rule": "advisory"` means `{ "enforcementLevel": "advisory" }`. */
function expandShorthand(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === "string" ? { enforcementLevel: value } : value]));
}

/**
 * Resolves a pack config (parsed JSON; undefined: none) for these rules: "all" overrides every rule's default
 * (mandatory), a rule's own level overrides "all", as the engine applies them.
 */
export function resolvePackConfig(raw: unknown, rules: readonly PolicyRule[]): PackConfigResult {
  const schema = packConfigSchema(rules);
  const input = expandShorthand(raw ?? {});
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: normalizeIssues(fromZodIssues(parsed.error.issues, input, schema)) };
  const config = parsed.data as Record<string, { enforcementLevel?: EnforcementLevel; exemptions?: RuleOptions["exemptions"] } & Partial<RuleOptions>>;
  const all = config.all?.enforcementLevel;
  const settings = new Map<string, RuleSettings>();
  for (const rule of rules) {
    const { enforcementLevel: level, exemptions, ...options } = config[rule.name] ?? {};
    settings.set(rule.name, { enforcementLevel: level ?? all ?? "mandatory", options: { ...options, exemptions: exemptions ?? [] } });
  }
  return { ok: true, settings };
}

/** A rule's options from the properties CrossGuard hands it (already checked against its configSchema by the engine). */
export function ruleOptionsFrom(rule: PolicyRule, properties: unknown): RuleOptions {
  const parsed = ruleConfigSchema(rule).parse(properties ?? {}) as Partial<RuleOptions>;
  return { ...parsed, exemptions: parsed.exemptions ?? [] };
}

/** The JSON Schema of a rule's properties, as CrossGuard's `configSchema` takes it. */
export function crossGuardConfigSchema(rule: PolicyRule): { properties: Record<string, object> } {
  const json = z.toJSONSchema(ruleConfigSchema(rule), { target: "draft-7", io: "input" }) as { properties?: Record<string, object> };
  return { properties: json.properties ?? {} };
}
