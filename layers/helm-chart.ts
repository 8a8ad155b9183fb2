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
