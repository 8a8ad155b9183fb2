import { z } from "zod";
import { EXACT_CHART_VERSION } from "../../manifests/helm-chart";
import { record } from "../engine/fields";
import type { ChartPin, ResourceRule } from "../engine/rule";

/** The Pulumi resources that install a Helm chart, with the inputs naming it. */
export const HELM_RELEASE_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

export const chartPinSchema = z
  .object({
    chart: z.string().min(1),
    repository: z.string().min(1).optional(),
    version: z.string().regex(EXACT_CHART_VERSION, "an exact version, e.g. 1.2.0 (no ranges)"),
  })
  .strict();

function normalizeRepository(repository: string | undefined): string {
  return (repository ?? "").replace(/\/+$/, "");
}

function describeChart(pin: { chart: string; repository?: string; version?: string }): string {
  return `${pin.chart}${pin.version ? `@${pin.version}` : ""}${pin.repository ? ` from ${pin.repository}` : ""}`;
}

/** Chart, repository and exact version, all three: a release installs nothing the allow-list does not name. */
export const supplyChainHelmAllowlist: ResourceRule = {
  name: "supply-chain-helm-allowlist",
  family: "supply-chain",
  summary: "every Helm release (helm.sh/v3 Release, v4 Chart) installs a chart, repository and exact version of the allow-list (config: allowedCharts)",
  scope: "resource",
  configProperties: { allowedCharts: z.array(chartPinSchema).optional() },
  checkSubject(subject, options) {
    if (!HELM_RELEASE_TYPES.includes(subject.type)) return [];
    const chart = String(subject.inputs.chart ?? "");
    const version = typeof subject.inputs.version === "string" ? subject.inputs.version : undefined;
    const repository = normalizeRepository(record(subject.inputs.repositoryOpts).repo as string | undefined) || undefined;
    const release = { chart, repository, version };
    if (!version) return [`installs ${describeChart(release)} without a version: pin an exact chart version`];
    if (!EXACT_CHART_VERSION.test(version)) return [`installs ${chart} at ${JSON.stringify(version)}, which is not an exact version: pin one`];
    const allowed: ChartPin[] = options.allowedCharts ?? [];
    const listed = allowed.some((pin) => pin.chart === chart && normalizeRepository(pin.repository) === normalizeRepository(repository) && pin.version === version);
    if (listed) return [];
    const sameChart = allowed.filter((pin) => pin.chart === chart).map(describeChart);
    const hint = sameChart.length ? `allowed: ${sameChart.join(", ")}` : "the chart is not on the allow-list at all";
    return [`installs ${describeChart(release)}, which is not on the allow-list (${hint})`];
  },
};
