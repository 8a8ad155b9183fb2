import { meshLabelKeys } from "./mesh";

/**
 * What the platform needs to know about Istio's data plane: its ports, workload identities and the sidecar's
 * resources. The mesh layer, the application layers' network rules and quotas, and monitoring read them here.
 */

/** Istio's trust domain: the first part of every workload's SPIFFE identity. */
export const TRUST_DOMAIN = "cluster.local";

/** The principal (SPIFFE identity without the scheme) of a service account, as AuthorizationPolicies name callers. */
export function serviceAccountPrincipal(namespace: string, serviceAccount: string): string {
  return `${TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
}

export const istioPorts = {
  /** istiod's xDS and certificate service: every sidecar and gateway connects to it. */
  xds: 15012,
  /** istiod's sidecar-injection and validation webhooks (called by the API server; Service port 443). */
  webhook: 15017,
  /** istiod's own metrics. */
  controlPlaneMetrics: 15014,
  /** The Envoy proxy's Prometheus endpoint (`/stats/prometheus`), not intercepted: monitoring scrapes it in plain text. */
  envoyMetrics: 15090,
  /** The proxy's health endpoint: load balancer health checks of the gateway. */
  status: 15021,
} as const;

/** The path Envoy serves its Prometheus metrics on. */
export const ENVOY_METRICS_PATH = "/stats/prometheus";

/** The label the injector puts on every pod with a sidecar (`istio`): how monitoring finds the proxies. */
export const SIDECAR_TLS_MODE_LABEL = "security.istio.io/tlsMode";

/** Namespace labels that put a namespace's pods in the mesh (sidecar injection by the default revision). */
export function meshInjectionLabels(): Record<string, string> {
  return { [meshLabelKeys.injection]: "enabled" };
}

/**
 * Every sidecar's requests and limits (the injector's default is a 2-CPU limit, far above what a layer's
 * quota allows): the application layers' quotas count them per pod.
 */
export const SIDECAR_RESOURCES = {
  requests: { cpu: "50m", memory: "64Mi" },
  limits: { memory: "128Mi" },
} as const;

/** The ingress gateway's release and service account name: the principal the edge layer admits. */
export const GATEWAY_NAME = "istio-ingressgateway";

/**
 * The pod annotation that keeps outbound traffic to `ports` outside the pod's sidecar (the node's CNI agent
 * does not redirect it): for calls that are not to mesh services and may come from init containers, which
 * run before the proxy. The NetworkPolicies still govern it.
 */
export function outboundPortsOutsideProxyAnnotations(ports: readonly number[]): Record<string, string> {
  return ports.length === 0 ? {} : { "traffic.sidecar.istio.io/excludeOutboundPorts": ports.join(",") };
}
