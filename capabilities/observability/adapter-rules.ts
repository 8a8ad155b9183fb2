import type { ApplicationLayerSpec, AutoscalingMetricSpec } from "../../config/layers/spec";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { MONITORING_NAMESPACE } from "./names";

/**
 * The Prometheus adapter's rules (its config file's format: seriesQuery, resources, name, metricsQuery), made
 * from what the layers' autoscalers declare: one custom rule per Pods metric, one external rule per External
 * metric, each serving the series of the metric's name; a metric with a `query` gets that series from a
 * recording rule. And the resource rules behind metrics.k8s.io, from the kubelets' cAdvisor metrics.
 * `<<.Series>>`, `<<.LabelMatchers>>` and `<<.GroupBy>>` are the adapter's own template fields.
 */

type MetricType = AutoscalingMetricSpec["type"];

/**
 * One entry per metric name (of a type, if given), in the layers' order (every use of a name has the same
 * query: config checks).
 */
export function declaredMetrics(layers: ApplicationLayerSpec[], type?: MetricType): AutoscalingMetricSpec[] {
  const byName = new Map<string, AutoscalingMetricSpec>();
  for (const metric of layers.flatMap((l) => l.autoscaling?.metrics ?? [])) {
    if ((type === undefined || metric.type === type) && !byName.has(metric.name)) byName.set(metric.name, metric);
  }
  return [...byName.values()];
}

/** The series of a metric's name, with more label matchers if given. */
const series = (name: string, matchers = "") => `{__name__="${name}"${matchers}}`;
/** Served under its own name (which has no regular-expression characters: schema). */
const servedAs = (name: string) => ({ matches: `^${name}$`, as: name });

const POD_RESOURCES = { overrides: { namespace: { resource: "namespace" }, pod: { resource: "pod" } } };

/** A Pods metric: each pod's series, summed per pod (the HPA averages over the pods). */
export function customRule(metric: AutoscalingMetricSpec) {
  return {
    seriesQuery: series(metric.name, ',namespace!="",pod!=""'),
    resources: POD_RESOURCES,
    name: servedAs(metric.name),
    metricsQuery: "sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)",
  };
}

/**
 * An External metric: the sum of the series the HPA's selector matches. Not namespaced: such series come from
 * exporters in other namespaces (Kafka Exporter in kafka, a queue's exporter), and the selector narrows them.
 */
export function externalRule(metric: AutoscalingMetricSpec) {
  return { seriesQuery: series(metric.name), resources: { namespaced: false }, name: servedAs(metric.name), metricsQuery: "sum(<<.Series>>{<<.LabelMatchers>>})" };
}

/** The window the resource queries rate over, and report. */
const RESOURCE_WINDOW = "2m";
const NODE_RESOURCES = { overrides: { node: { resource: "node" }, ...POD_RESOURCES.overrides } };
/** Containers only: cAdvisor also reports pods' sandboxes and cgroups without a container. */
const CONTAINERS = 'container!="",container!="POD",pod!=""';
/** Node exporter's series joined to their node's name (kube-prometheus-stack's node.rules record the pod-to-node map). */
const onNode = (expr: string) => `sum by (<<.GroupBy>>) ((${expr}) * on (namespace, pod) group_left (node) node_namespace_pod:kube_pod_info:{<<.LabelMatchers>>})`;

/**
 * metrics.k8s.io: pods' CPU and memory from the kubelets' cAdvisor metrics (what metrics-server reports: CPU
 * usage rate and working set), nodes' from the node exporter. kube-prometheus-stack scrapes both.
 */
export const resourceRules = {
  cpu: {
    containerQuery: `sum by (<<.GroupBy>>) (rate(container_cpu_usage_seconds_total{${CONTAINERS},<<.LabelMatchers>>}[${RESOURCE_WINDOW}]))`,
    nodeQuery: onNode(`1 - rate(node_cpu_seconds_total{mode="idle"}[${RESOURCE_WINDOW}])`),
    resources: NODE_RESOURCES,
    containerLabel: "container",
  },
  memory: {
    containerQuery: `sum by (<<.GroupBy>>) (container_memory_working_set_bytes{${CONTAINERS},<<.LabelMatchers>>})`,
    nodeQuery: onNode("node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes"),
    resources: NODE_RESOURCES,
    containerLabel: "container",
  },
  window: RESOURCE_WINDOW,
};

export const AUTOSCALING_METRICS_RULE = "strata-autoscaling-metrics";

/** Records each metric that names a `query` as the series the adapter serves; nothing when none does. */
export function autoscalingRecordingRules(layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  const rules = declaredMetrics(layers)
    .filter((m) => m.query !== undefined)
    .map((m) => ({ record: m.name, expr: m.query }));
  if (rules.length === 0) return [];
  return [
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: AUTOSCALING_METRICS_RULE, namespace: MONITORING_NAMESPACE, labels },
      spec: { groups: [{ name: AUTOSCALING_METRICS_RULE, rules }] },
    },
  ];
}
