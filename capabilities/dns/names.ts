/** external-dns: its own namespace (default-deny), release and service account. */
export const DNS_NAMESPACE = "external-dns";
export const EXTERNAL_DNS_RELEASE = "external-dns";
/** Its service account: what its IRSA role (Route53) trusts. */
export const EXTERNAL_DNS_SERVICE_ACCOUNT = "external-dns";
/** The IRSA role, by the name stack config gives its ARN (`gitops.roleArns.external-dns`). */
export const EXTERNAL_DNS_ROLE = "external-dns";
export const EXTERNAL_DNS_POD_LABELS = { "app.kubernetes.io/name": "external-dns" } as const;
/** Its metrics and health port (the chart's `service.port`). */
export const EXTERNAL_DNS_METRICS_PORT = 7979;
/** Where it reads hosts from: the Istio Gateway's servers (with its load balancer Service) and the ALB's Ingress. */
export const EXTERNAL_DNS_SOURCES = ["istio-gateway", "ingress"] as const;

/** The owner its TXT registry records carry by default: one per stack, so two stacks sharing a zone never take each other's records. */
export function defaultTxtOwnerId(stack: string): string {
  return `strata-${stack}`;
}
