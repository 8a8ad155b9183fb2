import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { releaseChartReference, type HelmChartSpec } from "../layers/helm-chart";

/** How long a release may take to become ready (the operator's Deployment and CRDs), in seconds. */
const RELEASE_TIMEOUT_SECONDS = 600;

/**
 * A Helm release from its plain description: the pinned chart from its repository (an OCI registry or an
 * https repository), into the namespace Strata made, with the given values. A failed install or upgrade is
 * rolled back (atomic) so the operator never runs half-upgraded.
 */
export function helmRelease(name: string, chart: HelmChartSpec, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  const reference = releaseChartReference(chart);
  return new k8s.helm.v3.Release(
    name,
    {
      name: chart.releaseName,
      namespace: chart.namespace,
      chart: reference.chart,
      ...(reference.repository ? { repositoryOpts: { repo: reference.repository } } : {}),
      version: chart.version,
      values: chart.values,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      timeout: RELEASE_TIMEOUT_SECONDS,
    },
    opts,
  );
}
