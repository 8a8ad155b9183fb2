import { labelKeys } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { prometheusAdapterPin } from "./pins";

export const MONITORING_NAMESPACE = platformNamespaces.monitoring;
/** The kube-prometheus-stack release; also its fullname, which prefixes the objects the chart names. */
export const STACK_RELEASE = "kube-prometheus-stack";
export const GRAFANA_NAME = "grafana";
/** The Service kube-prometheus-stack puts in front of the Thanos sidecars (gRPC, headless). */
export const SIDECAR_DISCOVERY_SERVICE = `${STACK_RELEASE}-thanos-discovery`;

/** The label Prometheus's replicas differ by (prometheus-operator's default): Thanos query deduplicates on it. */
export const REPLICA_LABEL = "prometheus_replica";

export const thanosPorts = { grpc: 10901, http: 10902 } as const;
export const PROMETHEUS_PORT = 9090;
export const ALERTMANAGER_PORTS = { web: 9093, cluster: 9094 } as const;
export const GRAFANA_PORT = 3000;
/** The operator's and kube-state-metrics' HTTP ports, node exporter's port. */
export const OPERATOR_PORT = 8080;
export const KUBE_STATE_METRICS_PORT = 8080;
export const NODE_EXPORTER_PORT = 9100;
export const KUBELET_PORT = 10250;
/** CoreDNS's metrics (the chart's `coreDns` ServiceMonitor). */
export const COREDNS_METRICS_PORT = 9153;

/** Strata's own Thanos components. */
export const thanosComponents = {
  query: { name: "thanos-query", serviceAccount: "thanos-query" },
  store: { name: "thanos-store", serviceAccount: "thanos-store" },
  compactor: { name: "thanos-compact", serviceAccount: "thanos-compact" },
} as const;
export type ThanosComponent = keyof typeof thanosComponents;

/**
 * The IRSA roles of the Thanos sidecar, store gateway and compactor, by the names stack config gives their
 * ARNs (`gitops.roleArns.<name>`).
 */
export const thanosRoleNames = { sidecar: "thanos-sidecar", storeGateway: "thanos-store-gateway", compactor: "thanos-compactor" } as const;

/**
 * The ConfigMap holding the objstore config the sidecar, store gateway and compactor share (bucket, region,
 * endpoint: no credential, so no Secret), its key, and where each Thanos container mounts it.
 */
export const OBJSTORE_CONFIG_MAP = "thanos-objstore";
export const OBJSTORE_KEY = "objstore.yml";
export const OBJSTORE_DIR = "/etc/thanos";

/** Thanos query's in-cluster host: Grafana, the metrics adapter and applications query it. */
export const THANOS_QUERY_HOST = `${thanosComponents.query.name}.${MONITORING_NAMESPACE}.svc.cluster.local`;

/** In-cluster URLs (stack outputs). */
export const thanosQueryUrl = `http://${THANOS_QUERY_HOST}:${thanosPorts.http}`;
export const grafanaUrl = `http://${GRAFANA_NAME}.${MONITORING_NAMESPACE}.svc.cluster.local:80`;

/** The Prometheus adapter's release; being named after the chart, it is also the chart's fullname (its Service's name). */
export const METRICS_ADAPTER_RELEASE = prometheusAdapterPin.name;
/** The port the adapter serves the metrics APIs on (the chart's `listenPort`; its Service maps 443 there). */
export const METRICS_ADAPTER_PORT = 6443;
/** The labels the adapter chart selects its pods by (chart name and release). */
export const METRICS_ADAPTER_POD_LABELS = { [labelKeys.name]: prometheusAdapterPin.name, [labelKeys.instance]: METRICS_ADAPTER_RELEASE } as const;
