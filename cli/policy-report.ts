import type { PolicyReport } from "../policies/engine/evaluate";
import { describeExemption } from "../policies/engine/exemption";

/** The policy part of `strata check` and `strata validate` output, as text. */
export function formatPolicyReport(report: PolicyReport): string {
  const lines: string[] = [];
  const mandatory = report.violations.filter((v) => v.enforcement === "mandatory").length;
  lines.push(`policy violations: ${report.violations.length} (${mandatory} mandatory, ${report.violations.length - mandatory} advisory)`);
  for (const v of report.violations) {
    const where = v.namespace && v.kind !== "Namespace" ? `${v.namespace}/${v.name}` : v.name;
    // `strata check` names the config key that set what the rule judged, where there is one (cli/violation-keys.ts).
    const key = (v as { configKey?: string }).configKey;
    lines.push(`  ${v.enforcement}${v.undetermined ? " (unknown)" : ""} ${v.rule}: ${v.kind} ${where}${key ? ` (${key})` : ""}: ${v.message}`);
  }
  if (report.exemptions.length) {
    lines.push("", "exemptions (from the policy config):");
    for (const e of report.exemptions) lines.push(`  ${e.rule} for ${describeExemption(e)} (${e.suppressed} set aside): ${e.reason}`);
  }
  return lines.join("\n");
}
