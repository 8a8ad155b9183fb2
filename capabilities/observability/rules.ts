import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { ObservabilitySpec } from "./spec";
import { parsePrometheusDuration } from "../../platform/duration";
import { applicationLayerNames } from "../../manifests/layer-names";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { MONITORING_NAMESPACE } from "./names";

/**
 * Alerting and recording rules: the seeds' alerts (crash loops, Kafka consumer lag, layer error rate and
 * latency, memory pressure, backup failures) and multi-window, multi-burn-rate alerts for the availability
 * SLO (Google SRE workbook, ch. 5), per application layer, from the Envoy proxies' request metrics.
 */

const LAYER = "destination_service_namespace";

function layerMatcher(layers: ApplicationLayerSpec[]): string {
  const names = layers.map((l) => applicationLayerNames(l).namespace).join("|");
  return `reporter="destination", ${LAYER}=~"${names}"`;
}

export const SEED_ALERTS_RULE = "strata-seed-alerts";
export const SLO_RULE = "strata-slo-availability";

export function seedAlertRules(layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject {
  const m = layerMatcher(layers);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: SEED_ALERTS_RULE, namespace: MONITORING_NAMESPACE, labels },
    spec: {
      groups: [
        {
          name: "strata-workloads",
          rules: [
            {
              alert: "PodCrashLooping",
              expr: 'max by (namespace, pod, container) (kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}) >= 1',
              for: "5m",
              labels: { severity: "critical" },
              annotations: { summary: "Pod is crash looping", description: "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) keeps restarting." },
            },
            {
              alert: "ContainerMemoryPressure",
              expr: 'max by (namespace, pod, container) (container_memory_working_set_bytes{container!=""} / on (namespace, pod, container) kube_pod_container_resource_limits{resource="memory"}) > 0.9',
              for: "5m",
              labels: { severity: "warning" },
              annotations: { summary: "Container close to its memory limit", description: "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) uses {{ $value | humanizePercentage }} of its memory limit." },
            },
          ],
        },
        {
          name: "strata-layers",
          rules: [
            {
              alert: "LayerErrorRateHigh",
              expr: `sum by (${LAYER}) (rate(istio_requests_total{${m}, response_code=~"5.."}[5m])) / sum by (${LAYER}) (rate(istio_requests_total{${m}}[5m])) > 0.01`,
              for: "5m",
              labels: { severity: "critical" },
              annotations: { summary: "Layer error rate above 1%", description: "{{ $labels.destination_service_namespace }} answers {{ $value | humanizePercentage }} of requests with 5xx." },
            },
            {
              alert: "LayerLatencyHigh",
              expr: `histogram_quantile(0.99, sum by (${LAYER}, le) (rate(istio_request_duration_milliseconds_bucket{${m}}[5m]))) > 5000`,
              for: "10m",
              labels: { severity: "warning" },
              annotations: { summary: "Layer p99 latency above 5s", description: "{{ $labels.destination_service_namespace }} p99 latency is {{ $value }}ms." },
            },
          ],
        },
        {
          name: "strata-data",
          rules: [
            {
              alert: "KafkaConsumerLagHigh",
              expr: "sum by (consumergroup, topic) (kafka_consumergroup_lag) > 10000",
              for: "5m",
              labels: { severity: "warning" },
              annotations: { summary: "High Kafka consumer lag", description: "Consumer group {{ $labels.consumergroup }} lags {{ $value }} messages on {{ $labels.topic }}." },
            },
          ],
        },
        {
          name: "strata-backups",
          rules: [
            {
              alert: "BackupFailed",
              expr: "increase(velero_backup_failure_total[1h]) > 0",
              labels: { severity: "critical" },
              annotations: { summary: "Velero backup failed", description: "Schedule {{ $labels.schedule }} had a failed backup in the last hour." },
            },
            {
              alert: "BackupPartiallyFailed",
              expr: "increase(velero_backup_partial_failure_total[1h]) > 0",
              labels: { severity: "warning" },
              annotations: { summary: "Velero backup partially failed", description: "Schedule {{ $labels.schedule }} had a partially failed backup in the last hour." },
            },
          ],
        },
      ],
    },
  };
}

/** A burn-rate alert: both windows above `factor` × the error budget. */
export interface BurnRateWindow {
  long: string;
  short: string;
  /** The share of the budget spent in `long` that triggers the alert. */
  budgetShare: number;
  severity: "critical" | "warning";
}

/** The SRE workbook's windows: 2% of the budget in 1h or 5% in 6h pages; 10% in 1d or 3d opens a ticket. */
export const burnRateWindows: BurnRateWindow[] = [
  { long: "1h", short: "5m", budgetShare: 0.02, severity: "critical" },
  { long: "6h", short: "30m", budgetShare: 0.05, severity: "critical" },
  { long: "1d", short: "2h", budgetShare: 0.1, severity: "warning" },
  { long: "3d", short: "6h", budgetShare: 0.1, severity: "warning" },
];

/** The burn rate at which `budgetShare` of the SLO period's budget is spent within `long` (14.4 for 2% in 1h of 30d). */
export function burnRateFactor(window: BurnRateWindow, sloWindow: string): number {
  const period = parsePrometheusDuration(sloWindow)!;
  const long = parsePrometheusDuration(window.long)!;
  return Number(((window.budgetShare * period) / long).toFixed(4));
}

export const errorRatioRecord = (window: string) => `strata:layer_request_errors:ratio_rate${window}`;

export function sloRules(spec: ObservabilitySpec, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject {
  const m = layerMatcher(layers);
  const budget = Number((1 - spec.slo.availability).toPrecision(6));
  const windows = [...new Set(burnRateWindows.flatMap((w) => [w.long, w.short]))];
  const records = windows.map((w) => ({
    record: errorRatioRecord(w),
    expr: `sum by (${LAYER}) (rate(istio_requests_total{${m}, response_code=~"5.."}[${w}])) / sum by (${LAYER}) (rate(istio_requests_total{${m}}[${w}]))`,
  }));
  const alerts = burnRateWindows.map((w) => {
    const threshold = `${burnRateFactor(w, spec.slo.window)} * ${budget}`;
    return {
      alert: "LayerErrorBudgetBurn",
      expr: `${errorRatioRecord(w.long)} > (${threshold}) and ${errorRatioRecord(w.short)} > (${threshold})`,
      labels: { severity: w.severity, slo: "availability", long_window: w.long, short_window: w.short },
      annotations: {
        summary: `Layer burns its ${spec.slo.availability * 100}% availability budget too fast`,
        description: `{{ $labels.destination_service_namespace }} spends ${w.budgetShare * 100}% of its ${spec.slo.window} error budget within ${w.long}.`,
      },
    };
  });
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: SLO_RULE, namespace: MONITORING_NAMESPACE, labels },
    spec: { groups: [{ name: "strata-slo-availability", rules: [...records, ...alerts] }] },
  };
}
