import * as fs from "node:fs";
import * as path from "node:path";
import { resolvePackConfig, type PackSettings } from "../policies/engine/pack-config";
import { POLICY_RULES } from "../policies/rules";
import type { ConfigIssue } from "../config";

/** Where a stack's pack config lives, the file `pulumi preview --policy-pack-config` is given in CI. */
export function stackPolicyConfigPath(projectDir: string, stack: string): string {
  return path.join(projectDir, "policies", "config", `${stack}.json`);
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
