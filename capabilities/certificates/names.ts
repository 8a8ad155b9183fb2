/** cert-manager: its own namespace (default-deny), release, and the controller's service account. */
export const CERT_MANAGER_NAMESPACE = "cert-manager";
export const CERT_MANAGER_RELEASE = "cert-manager";
/** The controller's service account: what its IRSA role (Route53, for DNS-01) trusts. */
export const CERT_MANAGER_SERVICE_ACCOUNT = "cert-manager";
/** The IRSA role, by the name stack config gives its ARN (`gitops.roleArns.cert-manager`). */
export const CERT_MANAGER_ROLE = "cert-manager";

/** The chart's components, by the `app.kubernetes.io/name` label of their pods. */
export const certManagerPodLabels = {
  controller: { "app.kubernetes.io/name": "cert-manager", "app.kubernetes.io/component": "controller" },
  webhook: { "app.kubernetes.io/name": "webhook", "app.kubernetes.io/component": "webhook" },
  cainjector: { "app.kubernetes.io/name": "cainjector", "app.kubernetes.io/component": "cainjector" },
} as const;

export const certManagerPorts = {
  /** The webhook's HTTPS port (the chart's `webhook.securePort`): the API server calls it. */
  webhook: 10250,
  /** The controller's Prometheus metrics. */
  metrics: 9402,
} as const;

/** Let's Encrypt's ACME directories. */
export const ACME_SERVERS = {
  production: "https://acme-v02.api.letsencrypt.org/directory",
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
} as const;

export type AcmeEnvironment = keyof typeof ACME_SERVERS;

/** The ClusterIssuer of each ACME environment. */
export function clusterIssuerName(environment: AcmeEnvironment): string {
  return `letsencrypt-${environment}`;
}
