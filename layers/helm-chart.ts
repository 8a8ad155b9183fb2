import type { ChartPin } from "../platform/pins";

/**
 * A Helm release as plain data: the pinned chart, the release's name and namespace, and its values. The
 * component installs it with `kubernetes.helm.v3.Release`; the renderer writes it as a kustomize
 * `helmCharts:` entry (repo, name, version, releaseName, namespace, valuesInline). One description, two outputs.
 */
export interface HelmChartSpec extends ChartPin {
  releaseName: string;
  /** The namespace the release installs into (Strata creates it; the release never does). */
  namespace: string;
  values: Record<string, unknown>;
}

/** The chart's full reference as `helm pull` takes it: `oci://…/chart`, or the chart name of an https repository. */
export function isOciChart(chart: Pick<ChartPin, "repo">): boolean {
  return chart.repo.startsWith("oci://");
}

/**
 * The chart as a Helm release names it: an OCI chart by its full reference (`oci://…/chart`) and no
 * repository; an https repository's chart by its name and the repository. This is also how the policy pack's
 * allow-list (`supply-chain-helm-allowlist` in policies/config/*.json) lists it.
 */
export function releaseChartReference(pin: ChartPin): { chart: string; repository?: string } {
  return isOciChart(pin) ? { chart: `${pin.repo}/${pin.chart}` } : { chart: pin.chart, repository: pin.repo };
}
