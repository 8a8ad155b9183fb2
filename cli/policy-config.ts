import * as fs from "node:fs";
import * as path from "node:path";
import type { Capability } from "../capabilities/capability";
import type { ConfigIssue } from "../config";
import { profileNames, type Profile } from "../config/profiles";
import { resolvePackConfig, type PackSettings } from "../policies/engine/pack-config";
import { POLICY_RULES } from "../policies/rules";
import { packConfig } from "../stack/pack-config";

/** Where a stack's pack config lives, the file `pulumi preview --policy-pack-config` is given in CI. */
export function stackPolicyConfigPath(projectDir: string, stack: string): string {
  return path.join(projectDir, "policies", "config", `${stack}.json`);
}

/** The pack config a check uses when none is given, and why that one. */
export interface DefaultPolicyConfig {
  /** The file; absent: `generated`, or every rule mandatory with no exemptions. */
  file?: string;
  /** The profile's pack config, generated from the capabilities (what policies/config/<profile>.json holds). */
  generated?: unknown;
  /** Said on stderr when the config is not the stack's own file. */
  note?: string;
}

const isProfile = (name: string | undefined): name is Profile => (profileNames as readonly (string | undefined)[]).includes(name);

/**
 * The pack config of a stack when none is given: the stack's own (`policies/config/<stack>.json`), else its
 * profile's, generated from the capabilities (`packConfig`: a new stack of the prod profile gets prod's
 * levels, the capabilities' exemptions and chart allow-list), else none.
 */
export function defaultPolicyConfig(projectDir: string, stack: string, profile: string | undefined, capabilities?: readonly Capability[]): DefaultPolicyConfig {
  const own = stackPolicyConfigPath(projectDir, stack);
  if (fs.existsSync(own)) return { file: own };
  if (isProfile(profile)) {
    return { generated: packConfig(profile, capabilities), note: `no policy config at ${own}: using the ${profile} profile's, generated from the capabilities as in policies/config/${profile}.json` };
  }
  return { note: `no policy config at ${own}: every rule is mandatory, no exemptions` };
}

export type LoadedPolicyConfig = { ok: true; settings: PackSettings; file?: string } | { ok: false; file: string; issues: ConfigIssue[] };

/** Reads and validates a pack config file; no file: `generated` (a config as parsed JSON), else every rule mandatory, no exemptions. */
export function loadPolicyConfig(file: string | undefined, generated?: unknown): LoadedPolicyConfig {
  if (file === undefined) {
    const result = resolvePackConfig(generated, POLICY_RULES);
    if (!result.ok) throw new Error(`the generated pack config is invalid: ${JSON.stringify(result.issues)}`);
    return { ok: true, settings: result.settings };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { ok: false, file, issues: [{ path: "(file)", message: e instanceof Error ? e.message : String(e) }] };
  }
  const result = resolvePackConfig(raw, POLICY_RULES);
  return result.ok ? { ok: true, settings: result.settings, file } : { ok: false, file, issues: result.issues };
}

export function formatPolicyConfigIssues(file: string, issues: ConfigIssue[]): string {
  return [`invalid policy pack config ${file} (${issues.length === 1 ? "1 problem" : `${issues.length} problems`}):`, ...issues.map((i) => `  - ${i.path}: ${i.message}`)].join("\n");
}
