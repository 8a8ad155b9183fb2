import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import type { RenderedLayer } from "../render-tree";
import type { LayerOrder } from "./order";
import { treePath, type TreeRepository } from "./repository";

export const FLUX_NAMESPACE = "flux-system";
export const FLUX_KUSTOMIZATION_API = "kustomize.toolkit.fluxcd.io/v1";
export const FLUX_SOURCE_API = "source.toolkit.fluxcd.io/v1";
export const FLUX_HELM_API = "helm.toolkit.fluxcd.io/v2";

/** A Flux Kustomization's name for a layer's objects, and for its operators (Namespaces and HelmReleases). */
export const fluxLayerName = (stack: string, layer: string) => `${stack}-${layer}`;
export const fluxOperatorsName = (stack: string, layer: string) => `${stack}-${layer}-operators`;

/** A HelmRepository's name for a chart repository: its host and path, as a DNS label. */
export function helmRepositoryName(repo: string): string {
  const name = repo.replace(/^[a-z]+:\/\//, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return name.slice(0, 63).replace(/-+$/, "");
}

export function helmRepository(repo: string): KubernetesObject {
  return {
    apiVersion: FLUX_SOURCE_API,
    kind: "HelmRepository",
    metadata: { name: helmRepositoryName(repo), namespace: FLUX_NAMESPACE },
    spec: { url: repo, interval: "1h", ...(repo.startsWith("oci://") ? { type: "oci" } : {}) },
  };
}

export function helmRelease(chart: HelmChartSpec): KubernetesObject {
  // The operator charts own their CRDs: Helm installs and upgrades them with the release.
  const crds = chart.includeCRDs ? "CreateReplace" : "Skip";
  return {
    apiVersion: FLUX_HELM_API,
    kind: "HelmRelease",
    metadata: { name: chart.releaseName, namespace: chart.namespace },
    spec: {
      interval: "10m",
      releaseName: chart.releaseName,
      chart: { spec: { chart: chart.name, version: chart.version, sourceRef: { kind: "HelmRepository", name: helmRepositoryName(chart.repo), namespace: FLUX_NAMESPACE }, interval: "1h" } },
      install: { crds, remediation: { retries: 3 } },
      upgrade: { crds, remediation: { retries: 3 } },
      values: chart.values,
    },
  };
}

function kustomization(name: string, path: string, source: string, dependsOn: string[]): KubernetesObject {
  return {
    apiVersion: FLUX_KUSTOMIZATION_API,
    kind: "Kustomization",
    metadata: { name, namespace: FLUX_NAMESPACE },
    spec: {
      interval: "10m",
      retryInterval: "1m",
      timeout: "10m",
      path,
      prune: true,
      // Ready only when what it applied is healthy: dependsOn then means "up", not "applied".
      wait: true,
      sourceRef: { kind: "GitRepository", name: source },
      ...(dependsOn.length ? { dependsOn: dependsOn.map((d) => ({ name: d })) } : {}),
    },
  };
}

export interface FluxLayout {
  /** Objects written under flux/ (the GitRepository, HelmRepositories, Kustomizations). */
  flux: KubernetesObject[];
  /** Per layer with charts: what its operators Kustomization applies (its Namespaces, one HelmRelease per chart). */
  operators: Map<string, { namespaces: KubernetesObject[]; releases: KubernetesObject[] }>;
}

/**
 * Flux's wiring: a GitRepository for the tree, and per layer a Kustomization of its directory, which
 * depends on the layers it waits for. Flux does not inflate kustomize's helmCharts: a layer's charts become
 * HelmReleases, applied with the layer's Namespaces by a Kustomization of their own that the layer's
 * depends on (its custom resources need the CRDs those releases install, and a dry run of the layer
 * would refuse them before).
 */
export function fluxObjects(stack: string, layers: readonly RenderedLayer[], order: readonly LayerOrder[], repo: TreeRepository): FluxLayout {
  const source = `strata-${stack}`;
  const withCharts = new Set(layers.filter((l) => l.helmCharts.length).map((l) => l.name));
  const ready = (layer: string) => fluxLayerName(stack, layer);
  const flux: KubernetesObject[] = [
    { apiVersion: FLUX_SOURCE_API, kind: "GitRepository", metadata: { name: source, namespace: FLUX_NAMESPACE }, spec: { interval: "1m", url: repo.url, ref: { branch: repo.branch } } },
  ];
  const repos = [...new Set(layers.flatMap((l) => l.helmCharts.map((c) => c.repo)))];
  flux.push(...repos.map(helmRepository));
  const operators = new Map<string, { namespaces: KubernetesObject[]; releases: KubernetesObject[] }>();
  for (const layer of layers) {
    const after = order.find((o) => o.name === layer.name)!.after.map(ready);
    if (withCharts.has(layer.name)) {
      operators.set(layer.name, { namespaces: layer.objects.filter((o) => o.kind === "Namespace"), releases: layer.helmCharts.map(helmRelease) });
      flux.push(kustomization(fluxOperatorsName(stack, layer.name), treePath(repo, `flux/operators/${layer.name}`, "flux"), source, after));
      flux.push(kustomization(ready(layer.name), treePath(repo, layer.name, "flux"), source, [fluxOperatorsName(stack, layer.name), ...after]));
    } else {
      flux.push(kustomization(ready(layer.name), treePath(repo, layer.name, "flux"), source, after));
    }
  }
  return { flux, operators };
}
