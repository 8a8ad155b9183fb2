import * as fs from "node:fs";
import * as path from "node:path";
import { resolvePackConfig, type PackSettings } from "../policies/engine/pack-config";
import { POLICY_RULES } from "../policies/rules";
import type { ConfigIssue } from "../config";

/**
 * Where a profile's pack config lives (`policies/config/<profile>.json`): the file `pulumi preview
 * --policy-pack-config` is given in CI for every stack of that profile.
 */
export function profilePolicyConfigPath(projectDir: string, profile: string): string {
  return path.join(projectDir, "policies", "config", `${profile}.json`);
}

/** The pack config a check uses when none is given, and why that one. */
export interface DefaultPolicyConfig {
  /** The file, or undefined: every rule mandatory, no exemptions. */
  file?: string;
  /** Said on stderr when the file is not the stack's own. */
  note?: string;
}

/**
 * The pack config of a stack when none is given: its profile's (`policies/config/<profile>.json`), whatever
 * the stack is called: a stack named `dev` whose profile is prod is judged by prod's levels, exemptions and
 * chart allow-list. No profile, or no file for it: none (every rule mandatory). A file named after the stack
 * that is not its profile's is not read, and a note says so.
 */
export function defaultPolicyConfig(projectDir: string, stack: string, profile: string | undefined): DefaultPolicyConfig {
  const ofProfile = profile === undefined ? undefined : profilePolicyConfigPath(projectDir, profile);
  const named = profilePolicyConfigPath(projectDir, stack);
  const ignored = stack !== profile && fs.existsSync(named) ? `${named} is not read (pack configs are chosen by the stack's profile; give --policy-config to use it); ` : "";
  if (ofProfile && fs.existsSync(ofProfile)) return { file: ofProfile, ...(ignored ? { note: `${ignored}using the ${profile} profile's, ${ofProfile}` } : {}) };
  const why = profile === undefined ? "the stack names no profile" : `no policy config for the ${profile} profile at ${ofProfile}`;
  return { note: `${ignored}${why}: every rule is mandatory, no exemptions` };
}

export type LoadedPolicyConfig = { ok: true; settings: PackSettings; file?: string } | { ok: false; file: string; issues: ConfigIssue[] };

/** Reads and validates a pack config file; no file: every rule mandatory, no exemptions. */
export function loadPolicyConfig(file: string | undefined): LoadedPolicyConfig {
  if (file === undefined) {
    const result = resolvePackConfig(undefined, POLICY_RULES);
    if (!result.ok) throw new Error("the default pack config is invalid");
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
