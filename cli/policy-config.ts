import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Capability } from "../capabilities/capability";
import type { ConfigIssue } from "../config";
import { profileNames, type Profile } from "../config/profiles";
import { resolvePackConfig, type PackSettings } from "../policies/engine/pack-config";
import { POLICY_RULES } from "../policies/rules";

/**
 * Where a profile's pack config lives (`policies/config/<profile>.json`): the file `pulumi preview
 * --policy-pack-config` is given in CI for every stack of that profile.
 */
export function profilePolicyConfigPath(projectDir: string, profile: string): string {
  return path.join(projectDir, "policies", "config", `${profile}.json`);
}

/** The pack config a check uses when none is given, and why that one. */
export interface DefaultPolicyConfig {
  /** The profile's pack config, generated from the capabilities (what policies/config/<profile>.json holds); absent: every rule mandatory, no exemptions. */
  generated?: unknown;
  /** Said on stderr when a file the stack might be thought to get is not read, or its profile's file is absent. */
  note?: string;
}

/** A file's JSON, or a marker that differs from any config when it is not JSON. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return { unreadable: file };
  }
}

const isProfile = (name: string | undefined): name is Profile => (profileNames as readonly (string | undefined)[]).includes(name);

/**
 * The pack config of a stack when none is given: its profile's, whatever the stack is called (a stack named
 * `dev` whose profile is prod is judged by prod's levels, exemptions and chart allow-list), generated from the
 * capabilities (`packConfig`: what policies/config/<profile>.json holds, which a test keeps byte-equal; a
 * capability added to the registry is judged with its own exemptions and charts at once). No profile: none
 * (every rule mandatory). A file named after the stack that is not its profile's is not read, and a note says so;
 * so does a profile whose file the project lacks or whose file differs from what the capabilities declare.
 */
export function defaultPolicyConfig(projectDir: string, stack: string, profile: string | undefined, capabilities?: readonly Capability[]): DefaultPolicyConfig {
  const named = profilePolicyConfigPath(projectDir, stack);
  const ignored = stack !== profile && fs.existsSync(named) ? `${named} is not read (pack configs are chosen by the stack's profile; give --policy-config to use it); ` : "";
  if (isProfile(profile)) {
    const ofProfile = profilePolicyConfigPath(projectDir, profile);
    // The capability registry loads every capability: only a check without --policy-config needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { packConfig } = require("../stack/pack-config") as typeof import("../stack/pack-config");
    const generated = packConfig(profile, capabilities);
    const file = fs.existsSync(ofProfile) ? readJson(ofProfile) : undefined;
    const absent = file === undefined ? `no policy config for the ${profile} profile at ${ofProfile}; ` : "";
    // CI gives the file to the Pulumi CLI: one that drifted from the capabilities would judge differently there.
    const stale = file !== undefined && !isDeepStrictEqual(file, generated) ? `${ofProfile} differs from what the capabilities declare and is not read (regenerate it with \`strata pack-config --profile ${profile}\`, or give --policy-config to use it); ` : "";
    const note = ignored || absent || stale ? `${ignored}${absent}${stale}using the ${profile} profile's, generated from the capabilities as in policies/config/${profile}.json` : undefined;
    return { generated, ...(note ? { note } : {}) };
  }
  const why = profile === undefined ? "the stack names no profile" : `${profile} is no profile`;
  return { note: `${ignored}${why}: every rule is mandatory, no exemptions` };
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
