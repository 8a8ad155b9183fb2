import { GATEWAY_NAME } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";

/** Names of the mesh layer's releases and objects. */
export const meshReleaseNames = {
  base: "istio-base",
  cni: "istio-cni",
  istiod: "istiod",
  gateway: GATEWAY_NAME,
} as const;

/** The mesh-wide PeerAuthentication: Istio's convention is `default` in the root namespace. */
export const MESH_PEER_AUTHENTICATION = "default";
/** The Gateway and VirtualService that route the edge into the edge layer. */
export const EDGE_GATEWAY = "edge";
export const EDGE_VIRTUAL_SERVICE = "edge";

/** A route's VirtualService: `edge`, or `edge-<tenant>` into a tenant's copy of a per-tenant edge layer. */
export function edgeVirtualServiceName(route: { tenant?: string }): string {
  return route.tenant ? `${EDGE_VIRTUAL_SERVICE}-${route.tenant}` : EDGE_VIRTUAL_SERVICE;
}
/** Per application namespace. */
export const LAYER_AUTHORIZATION_POLICY = "allow-declared-callers";
export const LAYER_SIDECAR = "default";

/** The labels the gateway chart puts on its pods (`app: <name>`, `istio: <name without "istio-">`). */
export function gatewayPodLabels(): Record<string, string> {
  return { app: GATEWAY_NAME, istio: GATEWAY_NAME.replace(/^istio-/, "") };
}

/** istiod's pods (the chart labels them `app: istiod`). */
export const ISTIOD_POD_LABELS = { app: "istiod" } as const;

/** The in-cluster host of istiod: what every proxy's egress must reach. */
export const ISTIOD_HOST = `istiod.${platformNamespaces.meshRoot}.svc.cluster.local`;
