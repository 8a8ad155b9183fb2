/**
 * Who monitoring is, for the rules of the namespaces it scrapes: the service account Prometheus runs as.
 * The observability layer names Prometheus's service account so; the mesh layer admits that principal.
 */
export const PROMETHEUS_SERVICE_ACCOUNT = "prometheus";

/**
 * Where Prometheus finds the workload certificate its Istio sidecar writes out: it scrapes meshed pods with
 * it, so a STRICT mesh admits the scrape as coming from Prometheus's identity (Istio's documented setup).
 */
export const PROMETHEUS_MESH_CERTS_DIR = "/etc/prom-certs";
