import type { IService } from "kubernetes-models/v1/Service";
import { GATEWAY_NAME, istioPorts } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import type { Named } from "../../manifests/kubernetes-object";
import { gatewayPodLabels } from "../../manifests/mesh-names";
import { gatewayTargetPorts, type MeshSpec } from "../mesh";
import { NLB_LOAD_BALANCER_CLASS } from "./names";
import { edgeLabels } from "./namespace";

/** The AWS Load Balancer Controller's Service annotations (service.beta.kubernetes.io/aws-load-balancer-*). */
export const nlbAnnotations = {
  type: "service.beta.kubernetes.io/aws-load-balancer-type",
  targetType: "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type",
  scheme: "service.beta.kubernetes.io/aws-load-balancer-scheme",
  attributes: "service.beta.kubernetes.io/aws-load-balancer-attributes",
  targetGroupAttributes: "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes",
  proxyProtocol: "service.beta.kubernetes.io/aws-load-balancer-proxy-protocol",
  healthCheckPort: "service.beta.kubernetes.io/aws-load-balancer-healthcheck-port",
  healthCheckPath: "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path",
  healthCheckProtocol: "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol",
} as const;

/** The gateway's readiness endpoint on its status port: what both load balancers health-check. */
export const GATEWAY_HEALTH_PATH = "/healthz/ready";

/** The Service port an ALB's Ingress sends to (HTTP: the ALB ends TLS). */
export const GATEWAY_HTTP_PORT_NAME = "http2";

function nlbServiceAnnotations(mesh: MeshSpec): Record<string, string> {
  const g = mesh.gateway;
  const proxy = g.clientAddress === "proxy-protocol";
  return {
    // The controller's own NLB with IP targets (the gateway pods themselves, no node hop).
    [nlbAnnotations.type]: "external",
    [nlbAnnotations.targetType]: "ip",
    [nlbAnnotations.scheme]: g.exposure,
    [nlbAnnotations.attributes]: "load_balancing.cross_zone.enabled=true",
    // Client IP preservation stated either way: kept as the source, or sent in a PROXY v2 header.
    [nlbAnnotations.targetGroupAttributes]: `preserve_client_ip.enabled=${proxy ? "false" : "true"}`,
    ...(proxy ? { [nlbAnnotations.proxyProtocol]: "*" } : {}),
    [nlbAnnotations.healthCheckPort]: String(istioPorts.status),
    [nlbAnnotations.healthCheckPath]: GATEWAY_HEALTH_PATH,
    [nlbAnnotations.healthCheckProtocol]: "http",
  };
}

/**
 * The gateway's Service. Behind an NLB: the platform's only LoadBalancer Service, of the AWS Load Balancer
 * Controller's class (the in-tree cloud provider leaves it alone), internal or internet-facing, cross-zone,
 * IP targets (no NodePorts). Behind an ALB: a ClusterIP Service, the ALB Ingress's backend. Both map the load
 * balancer's 80 and 443 onto the gateway pods' unprivileged 8080 and 8443 (the ports istiod gives the
 * Gateway's servers).
 */
export function gatewayService(mesh: MeshSpec): Named<IService> {
  const nlb = mesh.gateway.loadBalancer === "nlb";
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: GATEWAY_NAME,
      namespace: platformNamespaces.gateway,
      labels: { ...edgeLabels, ...gatewayPodLabels() },
      ...(nlb ? { annotations: nlbServiceAnnotations(mesh) } : {}),
    },
    spec: {
      type: nlb ? "LoadBalancer" : "ClusterIP",
      ...(nlb ? { loadBalancerClass: NLB_LOAD_BALANCER_CLASS, allocateLoadBalancerNodePorts: false } : {}),
      selector: gatewayPodLabels(),
      ports: [
        { name: "status-port", port: istioPorts.status, targetPort: istioPorts.status, protocol: "TCP" },
        { name: GATEWAY_HTTP_PORT_NAME, port: 80, targetPort: gatewayTargetPorts.http, protocol: "TCP" },
        { name: "https", port: 443, targetPort: gatewayTargetPorts.https, protocol: "TCP" },
      ],
    },
  };
}
