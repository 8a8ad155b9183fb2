import type { ChartPin } from "../platform/pins";

/**
 * A Helm chart a layer installs, pinned: what the Pulumi component turns into a Helm release
 * (`components/helm-release.ts`) and what the renderer writes as a kustomize `helmCharts:` entry
 * (`render/kustomization.ts`). One spec, two outputs.
 */
export interface HelmChartSpec extends ChartPin {
  releaseName: string;
  /** The namespace the release installs into (Strata creates it; the release never does). */
  namespace: string;
  /** Values given inline; never secret values (secrets are referenced, e.g. by existing Secret name). */
  values: Record<string, unknown>;
  /** Install the chart's CRDs with it (the operator charts own their CRDs). */
  includeCRDs: boolean;
}

/** An exact chart version: semver, no range, no wildcard. */
export const EXACT_CHART_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Whether the chart comes from an OCI registry (`oci://…`, pulled as `<repo>/<name>`) rather than an https chart repository. */
export function isOciChart(chart: Pick<ChartPin, "repo">): boolean {
  return chart.repo.startsWith("oci://");
}
