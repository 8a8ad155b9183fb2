import type { IService } from "kubernetes-models/v1/Service";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { MeshSpec } from "./spec";
import { istioPorts } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import { serviceHost, servingPorts } from "../../manifests/layer-names";
import type { KubernetesObject, Named } from "../../manifests/kubernetes-object";
import { gatewayTargetPorts } from "./charts";
import { edgeLayers } from "./edge-layers";
import { meshLabels } from "./namespaces";
import { EDGE_GATEWAY, edgeVirtualServiceName, gatewayPodLabels } from "../../manifests/mesh-names";
import { GATEWAY_NAME } from "../../platform/istio";

/** The AWS load balancer annotations: the Load Balancer Controller reads the scheme, the in-tree controller `internal`. */
export const awsLoadBalancerAnnotations = {
  type: "service.beta.kubernetes.io/aws-load-balancer-type",
  scheme: "service.beta.kubernetes.io/aws-load-balancer-scheme",
  internal: "service.beta.kubernetes.io/aws-load-balancer-internal",
  crossZone: "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled",
} as const;

/** The platform's only LoadBalancer Service: a network load balancer in front of the gateway pods, internal unless configured. */
export function gatewayService(mesh: MeshSpec): Named<IService> {
  const internal = mesh.gateway.scheme === "internal";
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: GATEWAY_NAME,
      namespace: platformNamespaces.gateway,
      labels: { ...meshLabels, ...gatewayPodLabels() },
      annotations: {
        [awsLoadBalancerAnnotations.type]: "nlb",
        [awsLoadBalancerAnnotations.scheme]: mesh.gateway.scheme,
        ...(internal ? { [awsLoadBalancerAnnotations.internal]: "true" } : {}),
        [awsLoadBalancerAnnotations.crossZone]: "true",
      },
    },
    spec: {
      type: "LoadBalancer",
      selector: gatewayPodLabels(),
      // Keep the client's address (and skip a second hop): only nodes with a gateway pod take traffic.
      externalTrafficPolicy: "Local",
      ports: [
        { name: "status-port", port: istioPorts.status, targetPort: istioPorts.status, protocol: "TCP" },
        { name: "http2", port: 80, targetPort: gatewayTargetPorts.http, protocol: "TCP" },
        { name: "https", port: 443, targetPort: gatewayTargetPorts.https, protocol: "TCP" },
      ],
    },
  };
}

/** The edge Gateway: HTTP, or HTTPS with the configured certificate and HTTP redirected to it; every route's hosts. */
export function edgeGateway(mesh: MeshSpec): KubernetesObject {
  const hosts = [...new Set(mesh.gateway.routes.flatMap((r) => r.hosts))];
  const servers = mesh.gateway.tlsSecret
    ? [
        { port: { number: 80, name: "http", protocol: "HTTP" }, hosts, tls: { httpsRedirect: true } },
        { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "SIMPLE", credentialName: mesh.gateway.tlsSecret } },
      ]
    : [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts }];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name: EDGE_GATEWAY, namespace: platformNamespaces.gateway, labels: meshLabels },
    spec: { selector: gatewayPodLabels(), servers },
  };
}

/** Routes the edge into the edge layer's Service (one VirtualService per route), with the request timeout and retries from config. */
export function edgeVirtualServices(mesh: MeshSpec, layers: ApplicationLayerSpec[]): KubernetesObject[] {
  const { timeout, retries } = mesh.gateway;
  const edges = edgeLayers(mesh, layers);
  return mesh.gateway.routes.map((route, i) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: edgeVirtualServiceName(route), namespace: platformNamespaces.gateway, labels: meshLabels },
    spec: {
      hosts: route.hosts,
      gateways: [`${platformNamespaces.gateway}/${EDGE_GATEWAY}`],
      // Only the gateway applies it: sidecars elsewhere keep their own routes.
      exportTo: ["."],
      http: [
        {
          route: [{ destination: { host: serviceHost(edges[i]), port: { number: servingPorts(edges[i])[0].port } } }],
          timeout,
          retries: { attempts: retries.attempts, perTryTimeout: retries.perTryTimeout, retryOn: retries.retryOn },
        },
      ],
    },
  }));
}
