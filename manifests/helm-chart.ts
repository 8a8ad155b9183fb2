import type { ChartPin } from "../platform/pins";

/**
 * A Helm chart a layer installs, pinned (`ChartPin`: repository, chart name, exact version), with its
 * release's name and namespace and its values: what the Pulumi component turns into a Helm release
 * (`kubernetes.helm.v3.Release`) and what the renderer writes as a kustomize `helmCharts:` entry (repo,
 * name, version, releaseName, namespace, valuesInline, includeCRDs). One spec, two outputs.
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

/** Whether the chart comes from an OCI registry (`oci://…`) rather than an https chart repository. */
export function isOciChart(chart: Pick<ChartPin, "repo">): boolean {
  return chart.repo.startsWith("oci://");
}

/**
 * The chart as a Helm release names it: an OCI chart by its full reference (`oci://…/chart`) and no
 * repository; an https repository's chart by its name and the repository. This is also how the policy pack's
 * allow-list (`supply-chain-helm-allowlist` in policies/config/*.json) lists it.
 */
export function releaseChartReference(pin: ChartPin): { chart: string; repository?: string } {
  return isOciChart(pin) ? { chart: `${pin.repo}/${pin.name}` } : { chart: pin.name, repository: pin.repo };
}
