import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isOciChart, type HelmChartSpec } from "../layers/helm-chart";

/**
 * A Helm release from a chart spec (plain data from a layer's desired state): the pinned chart from its
 * repository, into the namespace Strata made (the release never creates one), waiting until its resources
 * are ready so that what depends on it (custom resources, injected pods) finds the CRDs and controllers.
 */
export function helmRelease(name: string, chart: HelmChartSpec, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
  const oci = isOciChart(chart);
  return new k8s.helm.v3.Release(
    name,
    {
      name: chart.releaseName,
      namespace: chart.namespace,
      chart: oci ? `${chart.repo}/${chart.name}` : chart.name,
      ...(oci ? {} : { repositoryOpts: { repo: chart.repo } }),
      version: chart.version,
      values: chart.values,
      skipCrds: !chart.includeCRDs,
      createNamespace: false,
      atomic: true,
      timeout: 900,
    },
    opts,
  );
}
