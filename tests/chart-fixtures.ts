import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { CAPABILITIES } from "../capabilities/registry";
import { helm } from "./kube-tools";

/**
 * A chart cache for `strata check --inflate-charts`, written by the tests (there is no network here): one
 * small chart per chart Strata pins, at the pinned version. Each renders what Strata's values decide for
 * the real chart where the policies care, so that the check judges those values: kube-prometheus-stack's
 * kube-state-metrics, Grafana with its sidecars, and the Prometheus resource with its Thanos sidecar, each
 * with the resources and security contexts the values give them. The others render a ConfigMap.
 */

export interface FixtureChart {
  name: string;
  version: string;
  /** File name → template text. */
  templates: Record<string, string>;
  /** Saved as `helm pull` saves a chart (`<name>-<version>.tgz`, by `helm package`) instead of a directory. */
  packaged?: boolean;
}

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-fixture
data:
  chart: {{ .Chart.Name }}-{{ .Chart.Version }}
`;

/** kube-prometheus-stack's pods where Strata's values matter, rendered from those values. */
const KUBE_PROMETHEUS_STACK = {
  "kube-state-metrics.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-kube-state-metrics
spec:
  selector: { matchLabels: { app: kube-state-metrics } }
  template:
    metadata: { labels: { app: kube-state-metrics } }
    spec:
      securityContext: {{ toJson (index .Values "kube-state-metrics" "securityContext") }}
      containers:
        - name: kube-state-metrics
          image: registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.17.0
          securityContext: {{ toJson (index .Values "kube-state-metrics" "containerSecurityContext") }}
          resources: {{ toJson ((index .Values "kube-state-metrics" "resources") | default dict) }}
`,
  "grafana.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.grafana.fullnameOverride }}
spec:
  selector: { matchLabels: { app: grafana } }
  template:
    metadata: { labels: { app: grafana } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 472, runAsGroup: 472, fsGroup: 472, seccompProfile: { type: RuntimeDefault } }
      containers:
{{- range list "grafana-sc-dashboard" "grafana-sc-datasources" }}
        - name: {{ . }}
          image: quay.io/kiwigrid/k8s-sidecar:1.30.10
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault } }
          resources: {{ toJson ($.Values.grafana.sidecar.resources | default dict) }}
{{- end }}
        - name: grafana
          image: docker.io/grafana/grafana:12.3.0
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault } }
          resources: {{ toJson .Values.grafana.resources }}
`,
  "prometheus.yaml": `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: {{ .Release.Name }}-prometheus
spec:
  replicas: {{ .Values.prometheus.prometheusSpec.replicas }}
  securityContext: {{ toJson .Values.prometheus.prometheusSpec.securityContext }}
  resources: {{ toJson .Values.prometheus.prometheusSpec.resources }}
  volumes: {{ toJson .Values.prometheus.prometheusSpec.volumes }}
  thanos: {{ toJson .Values.prometheus.prometheusSpec.thanos }}
`,
};

/** The cache: every pinned chart at its version; kube-prometheus-stack rendering what its values decide. */
export function pinnedFixtureCharts(): FixtureChart[] {
  return CAPABILITIES.flatMap((c) => c.charts).map((pin, i) => ({
    name: pin.name,
    version: pin.version,
    templates: pin.name === "kube-prometheus-stack" ? KUBE_PROMETHEUS_STACK : { "config.yaml": CONFIG_MAP },
    // Half of them packaged as helm pull saves them, half as directories: the cache takes both.
    packaged: i % 2 === 0,
  }));
}

/** Writes the charts into `dir` (created). */
export function writeChartCache(dir: string, charts: FixtureChart[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const sources = path.join(dir, ".sources");
  for (const chart of charts) {
    const chartDir = path.join(chart.packaged ? sources : dir, chart.packaged ? chart.name : `${chart.name}-${chart.version}`);
    fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
    fs.writeFileSync(path.join(chartDir, "Chart.yaml"), stringify({ apiVersion: "v2", name: chart.name, version: chart.version, description: "a test fixture", type: "application" }));
    for (const [file, text] of Object.entries(chart.templates)) fs.writeFileSync(path.join(chartDir, "templates", file), text);
    if (chart.packaged) {
      const result = spawnSync(helm(), ["package", chartDir, "-d", dir], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`helm package ${chart.name}: ${result.stderr}`);
    }
  }
  fs.rmSync(sources, { recursive: true, force: true });
}
