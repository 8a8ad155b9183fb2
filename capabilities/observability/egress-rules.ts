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

/** One rate summed per label set: a metric and its selector. */
interface RateTerm {
  metric: string;
  selector: string;
}

/**
 * The sum of several rates per label set of `by`. Not `A or B`: `or` keeps B only for label sets A lacks, so
 * a layer with both HTTP requests and TCP connections would lose its TCP count. Each term is tagged with its
 * own `strata_term` label, so `or` keeps every term's series, and the outer sum adds them per label set; a
 * term with no series for a label set counts as zero there (not as the whole result missing, as with `+`).
 */
export const sumOfRates = (by: string, terms: RateTerm[]) =>
  `sum by (${by}) (${terms.map((t, i) => `label_replace(sum by (${by}) (rate(${t.metric}{${t.selector}}[5m])), "strata_term", "${i}", "", "")`).join(" or ")})`;

const requests = (selector: string): RateTerm => ({ metric: "istio_requests_total", selector });
const connections = (selector: string): RateTerm => ({ metric: "istio_tcp_connections_opened_total", selector });
/** HTTP requests and TCP connections, summed per label set of `by`. */
const requestsAndConnections = (by: string, selector: string) => sumOfRates(by, [requests(selector), connections(selector)]);

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
                expr: sumOfRates("source_workload_namespace", [requests(BLACKHOLE), connections(BLACKHOLE), requests(`${TO_GATEWAY}, response_code="403"`)]),
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
