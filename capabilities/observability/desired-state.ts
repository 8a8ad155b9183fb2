import type { ObservabilityPlatform } from "./spec";
import { layerLabels } from "../../platform/labels";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { autoscalingRecordingRules } from "./adapter-rules";
import { kubePrometheusStackChart } from "./chart";
import type { StackIdentity } from "../../manifests/layer-desired-state";
import { metricsAdapterChart, metricsAdapterPolicies, needsMetricsAdapter } from "./metrics-adapter";
import { dataServicePodMonitors, envoyPodMonitor, layerServiceMonitor, thanosServiceMonitor, veleroPodMonitor } from "./monitors";
import { observabilityNamespaces } from "./namespaces";
import { objstoreConfigMap, type MetricsTargets, type ObjstoreConfig } from "./objstore";
import { seedAlertRules, sloRules } from "./rules";
import { egressRules } from "./egress-rules";
import { thanosObjects, type ThanosRoles } from "./thanos";

export * from "./names";
export { compactorArgs, queryArgs, thanosSelector } from "./thanos";
export { burnRateFactor, burnRateWindows, errorRatioRecord } from "./rules";
export type { MetricsTargets, ObjstoreConfig } from "./objstore";
export type { StackIdentity } from "../../manifests/layer-desired-state";

export const observabilityLabels = layerLabels("observability");

/** Where the observability layer's AWS pieces are: the metrics bucket and the three IRSA roles. */
export interface ObservabilityTargets<V, E> extends MetricsTargets<V>, ThanosRoles<V> {
  sidecar: V;
  /** Writes the objstore config as a file (JSON.stringify, or the same through an output). */
  encode: (config: ObjstoreConfig<V>) => E;
}

/**
 * The observability layer's desired state:
 * 1. `prerequisites`: the monitoring namespace and the node exporter's exempt one, their network rules, the
 *    objstore ConfigMap (the sidecar needs it at start).
 * 2. `chart`: kube-prometheus-stack (the monitoring CRDs come with it). `metricsAdapter`: the Prometheus
 *    adapter's chart and network rules, when the stack needs it (the resource metrics API, or a layer's Pods
 *    or External metrics); nothing else waits for them.
 * 3. `workloads`: Thanos query, store gateway and compactor (core kinds: they need the prerequisites only).
 * 4. `customResources`: ServiceMonitors, PodMonitors and PrometheusRules: they need the chart (CRDs) only.
 */
export interface ObservabilityPlan {
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
  metricsAdapter?: { chart: HelmChartSpec; policies: KubernetesObject[] };
  workloads: KubernetesObject[];
  customResources: KubernetesObject[];
}

export function observabilityDesiredState<V, E>(platform: ObservabilityPlatform, identity: StackIdentity, targets: ObservabilityTargets<V, E>): ObservabilityPlan {
  const spec = platform.observability;
  const labels = observabilityLabels;
  const layers = platform.layers;
  return {
    prerequisites: [...structuredClone(observabilityNamespaces(layers, platform.cluster.vpcCidr, labels)), objstoreConfigMap(targets, targets.encode, labels)],
    chart: kubePrometheusStackChart(spec, identity, targets.sidecar, platform.placement),
    ...(needsMetricsAdapter(platform)
      ? { metricsAdapter: structuredClone({ chart: metricsAdapterChart(platform), policies: metricsAdapterPolicies(platform.cluster.vpcCidr, labels) }) }
      : {}),
    workloads: thanosObjects(spec, targets, labels, platform.placement),
    customResources: structuredClone([
      ...layers.map((l) => layerServiceMonitor(l, labels)),
      envoyPodMonitor(layers, labels),
      ...dataServicePodMonitors(layers, labels),
      veleroPodMonitor(labels),
      thanosServiceMonitor(labels),
      seedAlertRules(layers, labels),
      sloRules(spec, layers, labels),
      ...autoscalingRecordingRules(layers, labels),
      ...egressRules(layers, labels),
    ]),
  };
}
