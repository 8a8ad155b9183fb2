import type { Capability } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import { formatConfigIssues } from "../config";
import { describeExemption } from "../policies/engine/exemption";
import { deploymentOrder } from "../stack/deployment-order";
import { packExemption } from "../stack/pack-config";
import { readStackValues } from "../offline/stack-values";
import { validateStackConfig } from "../stack/spec";
import { EXIT } from "./exit";

export interface CapabilitiesOptions {
  /** A stack of the project: say whether it deploys each capability. */
  stack?: string;
  json?: boolean;
  projectDir: string;
  capabilities?: readonly Capability[];
}

/** One capability as `strata capabilities` reports it. */
export interface CapabilityReport {
  name: string;
  summary: string;
  /** Its key under `strata:` in a stack file; null when other keys configure it. */
  configKey: string | null;
  charts: { name: string; repo: string; version: string }[];
  images: string[];
  crdGroups: string[];
  /** Each owned namespace, and what in it is exempt from which rule (`covers`: "PeerAuthentication kafka/default"). */
  namespaces: { name: string; exemptions: { rule: string; covers: string; reason: string }[] }[];
  needs: string[];
  /** What its resolve fills in per profile where the config is silent; null: nothing profile-dependent. */
  defaults: Readonly<Record<string, unknown>> | null;
  /** With --stack: whether the stack deploys it. */
  enabled?: boolean;
}

/** `strata capabilities`: every capability of the registry, in deployment order, and (with --stack) whether the stack enables it. */
export function capabilities(options: CapabilitiesOptions, out: (text: string) => void, err: (text: string) => void): number {
  const registry = deploymentOrder(options.capabilities ?? CAPABILITIES);
  let enabled: ((name: string) => boolean) | undefined;
  if (options.stack !== undefined) {
    const { namespace, values, awsRegion } = readStackValues(options.projectDir, options.stack);
    const result = validateStackConfig(values, { awsRegion }, registry);
    if (!result.ok) {
      err(`strata capabilities: stack ${options.stack}: ${formatConfigIssues(result.issues, namespace)}`);
      return EXIT.invalidConfig;
    }
    const spec = result.spec as unknown as Record<string, unknown>;
    enabled = (name) => spec[name] !== undefined;
  }
  const reports: CapabilityReport[] = registry.map((c) => ({
    name: c.name,
    summary: c.summary,
    configKey: c.config?.key ?? null,
    charts: c.charts.map(({ name, repo, version }) => ({ name, repo, version })),
    images: [...c.images],
    crdGroups: [...c.crdGroups],
    namespaces: c.namespaces.map((n) => ({ name: n.name, exemptions: (n.exemptions ?? []).map((e) => ({ rule: e.rule, covers: describeExemption(packExemption(n.name, e)), reason: e.reason })) })),
    needs: [...c.needs],
    defaults: c.defaults ?? null,
    ...(enabled ? { enabled: enabled(c.name) } : {}),
  }));
  if (options.json) out(JSON.stringify({ ...(options.stack !== undefined ? { stack: options.stack } : {}), capabilities: reports }, null, 2));
  else out(formatCapabilities(reports, options.stack));
  return EXIT.ok;
}

function formatCapabilities(reports: CapabilityReport[], stack: string | undefined): string {
  const lines = [stack === undefined ? `${reports.length} capabilities, in deployment order:` : `stack ${stack}: ${reports.filter((r) => r.enabled).length} of ${reports.length} capabilities enabled, in deployment order:`];
  for (const r of reports) {
    const state = r.enabled === undefined ? "" : r.enabled ? "[on]  " : "[off] ";
    lines.push("", `${state}${r.name}${r.configKey ? ` (strata:${r.configKey})` : ""}: ${r.summary}`);
    if (r.needs.length) lines.push(`    needs: ${r.needs.join(", ")}`);
    if (r.charts.length) lines.push(`    charts: ${r.charts.map((c) => `${c.name} ${c.version} (${c.repo})`).join(", ")}`);
    if (r.images.length) lines.push(`    images: ${r.images.join(", ")}`);
    if (r.crdGroups.length) lines.push(`    CRD groups: ${r.crdGroups.join(", ")}`);
    if (r.namespaces.length) {
      lines.push(`    namespaces: ${r.namespaces.map((n) => (n.exemptions.length ? `${n.name} (exempt from ${n.exemptions.map((e) => e.rule).join(", ")})` : n.name)).join(", ")}`);
    }
  }
  return lines.join("\n");
}
