import type { HelmChartSpec } from "../manifests/helm-chart";

/** A kustomization.yaml as Strata writes it (kustomize.config.k8s.io/v1beta1). */
export interface Kustomization {
  apiVersion: "kustomize.config.k8s.io/v1beta1";
  kind: "Kustomization";
  resources: string[];
  helmCharts?: KustomizeHelmChart[];
}

/** One `helmCharts:` entry, as kustomize's helm inflator reads it. */
export interface KustomizeHelmChart {
  name: string;
  repo: string;
  version: string;
  releaseName: string;
  namespace: string;
  includeCRDs: boolean;
  valuesInline: Record<string, unknown>;
}

export function kustomizeHelmChart(chart: HelmChartSpec): KustomizeHelmChart {
  return {
    name: chart.name,
    repo: chart.repo,
    version: chart.version,
    releaseName: chart.releaseName,
    namespace: chart.namespace,
    includeCRDs: chart.includeCRDs,
    valuesInline: chart.values,
  };
}

export function kustomization(resources: string[], charts: HelmChartSpec[] = []): Kustomization {
  return {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    resources,
    ...(charts.length ? { helmCharts: charts.map(kustomizeHelmChart) } : {}),
  };
}
