import type { ApplicationLayerSpec, EgressSpec } from "../config/layers/spec";
import { EGRESS_GATEWAY_NAME, EGRESS_GATEWAY_NAMESPACE } from "../platform/egress";

/**
 * The egress gateway as the application layers and the mesh both address it: its Service's two listeners
 * (what the layers' sidecars send to, over mTLS) and the pod ports behind them (what NetworkPolicies name).
 * Unprivileged pod ports, as the ingress gateway's.
 */
export const egressGatewayListeners = {
  /** The app's own TLS, inside the sidecars' mTLS: routed by SNI. */
  tls: { name: "tls", port: 443, targetPort: 8443 },
  /** Plain HTTP from the app, inside the sidecars' mTLS: routed by Host; the gateway originates TLS (HTTPS) or not (HTTP). */
  http: { name: "http", port: 80, targetPort: 8080 },
} as const;

/** The in-mesh port a layer's app calls a plain-HTTP host on (http://host/): the gateway maps it to the host's port. */
export const EGRESS_HTTP_MESH_PORT = 80;

/** The egress gateway's in-cluster host. */
export const EGRESS_GATEWAY_HOST = `${EGRESS_GATEWAY_NAME}.${EGRESS_GATEWAY_NAMESPACE}.svc.cluster.local`;

/** Which of the gateway's listeners carries a declared host. */
export function egressListener(entry: Pick<EgressSpec, "protocol">): (typeof egressGatewayListeners)[keyof typeof egressGatewayListeners] {
  return entry.protocol === "TLS" ? egressGatewayListeners.tls : egressGatewayListeners.http;
}

/** The gateway's pod ports some of `layers`' declarations reach (in listener order). */
export function egressTargetPorts(layers: Pick<ApplicationLayerSpec, "egress">[]): number[] {
  const used = new Set(layers.flatMap((l) => l.egress.map((e) => egressListener(e).targetPort)));
  return [egressGatewayListeners.tls.targetPort, egressGatewayListeners.http.targetPort].filter((p) => used.has(p));
}

/** Whether any layer declares egress: the egress gateway and its namespace exist only then. */
export function egressDeclared(layers: Pick<ApplicationLayerSpec, "egress">[]): boolean {
  return layers.some((l) => l.egress.length > 0);
}
