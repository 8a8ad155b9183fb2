import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { releaseChartReference, type HelmChartSpec } from "../manifests/helm-chart";

/**
 * How long a release may take to become ready, in seconds: an operator's Deployment and CRDs, or a service
 * layer's control plane (istiod, the Prometheus stack) with its pods scheduled and ready.
 */
const RELEASE_TIMEOUT_SECONDS = 900;

/**
 * A Helm release from a chart spec (plain data from a layer's desired state): the pinned chart from its
 * repository (an OCI registry or an https repository), into the namespace Strata made (the release never
 * creates one), with the given values, waiting until its resources are ready so that what depends on it
 * (custom resources, injected pods) finds the CRDs and controllers. A failed install or upgrade is rolled
 * back (atomic) so nothing runs half-upgraded.
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
      skipCrds: !chart.includeCRDs,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      timeout: RELEASE_TIMEOUT_SECONDS,
    },
    opts,
  );
}
