/**
 * What a pin is. Each capability pins its own upstream releases in its folder (capabilities/<name>/pins.ts):
 * its Helm charts (repository, chart, exact version) and the operand versions and images its charts would
 * otherwise leave to a default; its `charts` list them, and the policy pack's Helm allow-list
 * (policies/config/*.json, generated from the registry) lists exactly every capability's. Sources:
 * ../shared/BRIEF.md and ../shared/crds/SOURCES.md.
 */

/** A Helm chart at an exact version. */
export interface ChartPin {
  /** The chart's name in its repository. */
  name: string;
  /** The repository: an https chart repository URL, or an OCI registry path (`oci://host/path`, without the chart name). */
  repo: string;
  /** The exact chart version (no range). */
  version: string;
}
