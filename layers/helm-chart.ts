/**
 * A Helm chart a layer installs, pinned: what the Pulumi component turns into a Helm release and what the
 * renderer writes as a kustomize `helmCharts:` entry. One spec, two outputs.
 */
export interface HelmChartSpec {
  /** The chart's name in its repository. */
  name: string;
  /** The repository: an HTTPS chart repository URL, or an OCI registry path (`oci://host/path`, without the chart name). */
  repo: string;
  /** The exact chart version (no range). */
  version: string;
  releaseName: string;
  namespace: string;
  /** Values given inline; never secret values (secrets are referenced, e.g. by existing Secret name). */
  values: Record<string, unknown>;
  /** Install the chart's CRDs with it (the operator charts own their CRDs). */
  includeCRDs: boolean;
}

/** An exact chart version: semver, no range, no wildcard. */
export const EXACT_CHART_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
