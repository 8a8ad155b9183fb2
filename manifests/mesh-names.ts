import { GATEWAY_NAME } from "../platform/istio";
import { platformNamespaces } from "../platform/namespaces";

/** Names of the mesh's objects that other capabilities address. */

/** Istio's convention for a namespace's one PeerAuthentication or Sidecar (in the root namespace: the mesh-wide one). */
export const ISTIO_NAMESPACE_DEFAULT = "default";
/** The mesh-wide PeerAuthentication. */
export const MESH_PEER_AUTHENTICATION = ISTIO_NAMESPACE_DEFAULT;
/** The Gateway and VirtualService that route the edge into the edge layer. */
export const EDGE_GATEWAY = "edge";
export const EDGE_VIRTUAL_SERVICE = "edge";

/** A route's VirtualService: `edge`, or `edge-<tenant>` into a tenant's copy of a per-tenant edge layer. */
export function edgeVirtualServiceName(route: { tenant?: string }): string {
  return route.tenant ? `${EDGE_VIRTUAL_SERVICE}-${route.tenant}` : EDGE_VIRTUAL_SERVICE;
}

/** Per meshed namespace (an application layer's, a data service's): its ALLOW policy and its Sidecar. */
export const NAMESPACE_AUTHORIZATION_POLICY = "allow-declared-callers";
export const NAMESPACE_SIDECAR = ISTIO_NAMESPACE_DEFAULT;

/** The labels the gateway chart puts on its pods (`app: <name>`, `istio: <name without "istio-">`). */
export function gatewayPodLabels(): Record<string, string> {
  return { app: GATEWAY_NAME, istio: GATEWAY_NAME.replace(/^istio-/, "") };
}

/** istiod's pods (the chart labels them `app: istiod`). */
export const ISTIOD_POD_LABELS = { app: "istiod" } as const;

/** The in-cluster host of istiod: what every proxy's egress must reach. */
export const ISTIOD_HOST = `istiod.${platformNamespaces.meshRoot}.svc.cluster.local`;
