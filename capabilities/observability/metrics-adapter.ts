import type { ObservabilityPlatform } from "./spec";
import { prometheusAdapterPin, prometheusAdapterImage } from "./pins";
import { podPlacement } from "../../platform/placement";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { allowEgress, allowIngressFromVpc, namespacePeer, tcpPorts } from "../../manifests/network-policy";
import { spreadConstraints } from "../../manifests/topology";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { customRule, declaredMetrics, externalRule, resourceRules } from "./adapter-rules";
import { METRICS_ADAPTER_POD_LABELS, METRICS_ADAPTER_PORT, METRICS_ADAPTER_RELEASE, MONITORING_NAMESPACE, THANOS_QUERY_HOST, thanosPorts } from "./names";
import { thanosSelector } from "./thanos";

/**
 * The Prometheus adapter (prometheus-community chart): the autoscalers' metrics APIs served from Thanos query,
 * so from every Prometheus replica, deduplicated. Custom and external metrics for the layers' Pods and
 * External metrics; the resource metrics API where `observability.metricsAdapter.resourceMetrics` is on (EKS
 * ships no metrics-server). The chart registers an APIService per API it serves, and only those.
 */

/** Whether the stack runs the adapter: it serves the resource metrics API, or some layer scales on its own metrics. */
export function needsMetricsAdapter(platform: ObservabilityPlatform): boolean {
  return platform.observability.metricsAdapter.resourceMetrics || platform.layers.some((l) => (l.autoscaling?.metrics.length ?? 0) > 0);
}

export function metricsAdapterChart(platform: ObservabilityPlatform): HelmChartSpec {
  const adapter = platform.observability.metricsAdapter;
  const layers = platform.layers;
  return {
    ...prometheusAdapterPin,
    releaseName: METRICS_ADAPTER_RELEASE,
    includeCRDs: false,
    namespace: MONITORING_NAMESPACE,
    values: {
      image: { ...prometheusAdapterImage },
      replicas: adapter.replicas,
      prometheus: { url: `http://${THANOS_QUERY_HOST}`, port: thanosPorts.http, path: "" },
      listenPort: METRICS_ADAPTER_PORT,
      ...podPlacement("system"),
      topologySpreadConstraints: spreadConstraints({ ...METRICS_ADAPTER_POD_LABELS }, platform.placement),
      podSecurityContext: restrictedPodSecurityContext(),
      securityContext: restrictedContainerSecurityContext(),
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      podDisruptionBudget: { enabled: adapter.replicas > 1, maxUnavailable: 1 },
      rules: {
        // The chart's defaults would serve every container_* and namespaced series there is.
        default: false,
        custom: declaredMetrics(layers, "Pods").map(customRule),
        external: declaredMetrics(layers, "External").map(externalRule),
        ...(adapter.resourceMetrics ? { resource: resourceRules } : {}),
      },
    },
  };
}

export const metricsAdapterPolicyName = {
  ingressFromApiServer: "allow-metrics-adapter-ingress-from-api-server",
  egressToThanosQuery: "allow-metrics-adapter-egress-to-thanos-query",
} as const;

/**
 * The API server calls the adapter (APIService); the adapter queries Thanos. Named although the monitoring
 * namespace's own rule admits traffic among its pods, so the adapter's one dependency stays explicit. Its
 * calls to the Kubernetes API (delegated authentication) go through the namespace's HTTPS egress.
 */
export function metricsAdapterPolicies(vpcCidr: string, labels: Record<string, string>): KubernetesObject[] {
  const ns = MONITORING_NAMESPACE;
  const adapter = { ...METRICS_ADAPTER_POD_LABELS };
  return [
    allowIngressFromVpc(
      ns,
      metricsAdapterPolicyName.ingressFromApiServer,
      labels,
      adapter,
      vpcCidr,
      tcpPorts([METRICS_ADAPTER_PORT]),
      "the API server proxies the metrics APIs (APIServices) to the adapter from its endpoint's network interfaces in the VPC",
    ),
    allowEgress(ns, metricsAdapterPolicyName.egressToThanosQuery, labels, adapter, namespacePeer(ns, thanosSelector("query")), tcpPorts([thanosPorts.http])),
  ] as KubernetesObject[];
}
