import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { EGRESS_GATEWAY_NAME } from "../../platform/egress";
import { egressDeclared } from "../../manifests/egress-gateway";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { MONITORING_NAMESPACE } from "./names";

/**
 * Egress by name, seen from Istio's standard metrics (the sidecars' and the egress gateway's, both scraped
 * by the envoy-proxies PodMonitor):
 * - per layer: what each layer's sidecars send to the egress gateway (source namespace = the layer);
 * - per host: what the egress gateway sends to each external host (destination service = the host);
 * - denied: calls to a host no ServiceEntry registers (REGISTRY_ONLY sends them to Istio's BlackHoleCluster)
 *   and HTTP calls the egress gateway refuses (403 from its AuthorizationPolicy), per layer. TLS calls it
 *   refuses close the connection: the gateway's access log says which (docs/egress.md).
 * Only when some layer declares egress.
 */

export const EGRESS_RULE = "strata-egress";
export const EGRESS_DENIED_ALERT = "EgressDenied";

const GATEWAY = `source_workload="${EGRESS_GATEWAY_NAME}"`;
const TO_GATEWAY = `reporter="source", destination_workload="${EGRESS_GATEWAY_NAME}"`;
const BLACKHOLE = `reporter="source", destination_service_name="BlackHoleCluster"`;

/** The sum of a layer-labelled rate over HTTP requests and TCP connections. */
const requestsAndConnections = (by: string, selector: string) =>
  `sum by (${by}) (rate(istio_requests_total{${selector}}[5m])) or sum by (${by}) (rate(istio_tcp_connections_opened_total{${selector}}[5m]))`;

export function egressRules(layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  if (!egressDeclared(layers)) return [];
  return [
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { name: EGRESS_RULE, namespace: MONITORING_NAMESPACE, labels },
      spec: {
        groups: [
          {
            name: "strata-egress",
            rules: [
              { record: "strata:egress_by_layer:rate5m", expr: requestsAndConnections("source_workload_namespace", TO_GATEWAY) },
              { record: "strata:egress_by_host:rate5m", expr: requestsAndConnections("destination_service_name", `reporter="source", ${GATEWAY}`) },
              {
                record: "strata:egress_denied_by_layer:rate5m",
                expr: `${requestsAndConnections("source_workload_namespace", BLACKHOLE)} or sum by (source_workload_namespace) (rate(istio_requests_total{${TO_GATEWAY}, response_code="403"}[5m]))`,
              },
              {
                alert: EGRESS_DENIED_ALERT,
                expr: "strata:egress_denied_by_layer:rate5m > 0",
                for: "10m",
                // Advisory: a layer calling what it did not declare is worth a look, not a page.
                labels: { severity: "info" },
                annotations: {
                  summary: "A layer's egress is denied",
                  description:
                    "{{ $labels.source_workload_namespace }} calls an external host it did not declare (layers[].egress), or one the egress gateway refuses it: {{ $value }} per second. Declare the host, or find the caller in the sidecar's and the egress gateway's access logs.",
                },
              },
            ],
          },
        ],
      },
    },
  ];
}
