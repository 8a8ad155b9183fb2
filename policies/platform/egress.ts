/**
 * Egress by name: what a layer declares it calls outside the cluster (`layers[].egress`), as the mesh
 * capability writes it down and the `mesh-egress-declared` rule reads it back. Defined in the pack (which
 * imports nothing from outside its folder); the rest of Strata reads it through platform/egress.ts.
 */

/**
 * On a layer's ServiceAccount: the external hosts the layer declares, comma-separated, as config spells them
 * ("api.openai.com,*.example.com"). The egress gateway admits that account's principal to exactly these.
 */
export const EGRESS_HOSTS_ANNOTATION = "strata.io/egress-hosts";

/** The egress gateway's namespace: the one place external hosts are registered and left through. */
export const EGRESS_GATEWAY_NAMESPACE = "istio-egress";

/** The egress gateway's release, service account and `app` label. */
export const EGRESS_GATEWAY_NAME = "istio-egressgateway";

/** The egress gateway's pods, as the gateway chart labels them (`app: <name>`, `istio: <name without "istio-">`). */
export function egressGatewayPodLabels(): Record<string, string> {
  return { app: EGRESS_GATEWAY_NAME, istio: EGRESS_GATEWAY_NAME.replace(/^istio-/, "") };
}

/** The egress gateway's AuthorizationPolicy: each host admitted from the declaring layers' accounts only. */
export const EGRESS_AUTHORIZATION_POLICY = "allow-declared-egress";
