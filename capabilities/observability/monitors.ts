import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, dataServicesUsedBy, dataServiceTraffic } from "../../platform/data-services";
import { ENVOY_METRICS_PATH, SIDECAR_TLS_MODE_LABEL } from "../../platform/istio";
import { labelKeys } from "../../platform/labels";
import { PROMETHEUS_MESH_CERTS_DIR } from "../../platform/monitoring";
import { platformNamespaces } from "../../platform/namespaces";
import { applicationLayerNames, metricsPort } from "../../manifests/layer-names";
import { BACKUP_NAMESPACE } from "../backup";
import { EGRESS_GATEWAY_NAMESPACE } from "../../platform/egress";
import { egressDeclared } from "../../manifests/egress-gateway";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { MONITORING_NAMESPACE, thanosComponents } from "./names";

/**
 * What Prometheus scrapes beyond the chart's own targets, all defined in the monitoring namespace (the
 * targets' namespaces are selected by name): every application layer, the Envoy proxies, every data
 * service in use, Velero and Thanos.
 */

function meta(name: string, labels: Record<string, string>) {
  return { name, namespace: MONITORING_NAMESPACE, labels };
}

/** Scrapes of meshed pods use the workload certificate Istio issues Prometheus: STRICT mTLS admits them. */
export const meshScrapeTls = {
  scheme: "https",
  tlsConfig: {
    caFile: `${PROMETHEUS_MESH_CERTS_DIR}/root-cert.pem`,
    certFile: `${PROMETHEUS_MESH_CERTS_DIR}/cert-chain.pem`,
    keyFile: `${PROMETHEUS_MESH_CERTS_DIR}/key.pem`,
    // Istio's certificates name SPIFFE identities, not host names.
    insecureSkipVerify: true,
  },
};

export const layerMonitorName = (layer: string) => `layer-${layer}`;

/** One ServiceMonitor per application layer: its Service's metrics port and path, through the mesh. */
export function layerServiceMonitor(layer: ApplicationLayerSpec, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: meta(layerMonitorName(layer.name), labels),
    spec: {
      namespaceSelector: { matchNames: [applicationLayerNames(layer).namespace] },
      selector: { matchLabels: { [labelKeys.layer]: layer.name } },
      endpoints: [{ port: metricsPort(layer).name, path: layer.metrics.path, interval: "30s", ...meshScrapeTls }],
    },
  };
}

/** The proxies' own metrics (request rates, errors, latency per layer: what the SLO rules read), data services' included. */
export function envoyPodMonitor(layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject {
  const namespaces = [
    ...layers.map((l) => applicationLayerNames(l).namespace),
    ...dataServicesUsedBy(layers).map((s) => dataServiceEndpoints[s].namespace),
    platformNamespaces.gateway,
    // The egress gateway: requests per external host.
    ...(egressDeclared(layers) ? [EGRESS_GATEWAY_NAMESPACE] : []),
  ];
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: meta("envoy-proxies", labels),
    spec: {
      namespaceSelector: { matchNames: namespaces },
      selector: { matchExpressions: [{ key: SIDECAR_TLS_MODE_LABEL, operator: "Exists" }] },
      podMetricsEndpoints: [{ port: "http-envoy-prom", path: ENVOY_METRICS_PATH, interval: "30s" }],
    },
  };
}

export const dataServiceMonitorName = (service: string) => `data-${service}`;

/**
 * One PodMonitor per data service some layer uses: its pods' metrics ports (platform/data-services.ts), in
 * plain text: those ports stay outside the data pods' sidecars (a PodMonitor cannot name Istio's certificate
 * files), and only monitoring may reach them.
 */
export function dataServicePodMonitors(layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  return dataServicesUsedBy(layers).map((service) => ({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: meta(dataServiceMonitorName(service), labels),
      spec: {
        namespaceSelector: { matchNames: [dataServiceEndpoints[service].namespace] },
        selector: {},
        podMetricsEndpoints: dataServiceTraffic[service].metricsPorts.map((port) => ({ portNumber: port, interval: "30s" })),
      },
    }));
}

/** Velero's server (and node agent): backup outcomes, for the backup alerts. */
export function veleroPodMonitor(labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: meta("velero", labels),
    spec: {
      namespaceSelector: { matchNames: [BACKUP_NAMESPACE] },
      selector: { matchLabels: { [labelKeys.name]: "velero" } },
      podMetricsEndpoints: [{ port: "http-monitoring", interval: "30s" }],
    },
  };
}

/** Strata's Thanos components. */
export function thanosServiceMonitor(labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: meta("thanos", labels),
    spec: {
      namespaceSelector: { matchNames: [MONITORING_NAMESPACE] },
      selector: { matchExpressions: [{ key: labelKeys.name, operator: "In", values: Object.values(thanosComponents).map((c) => c.name) }] },
      endpoints: [{ port: "http", interval: "30s" }],
    },
  };
}
