import { GATEWAY_NAME, istioPorts } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { gatewayHosts, type MeshSpec, type TlsVersion } from "../mesh";
import { GATEWAY_HEALTH_PATH, GATEWAY_HTTP_PORT_NAME } from "./gateway-service";
import { ALB_INGRESS_CLASS, EDGE_INGRESS } from "./names";
import { edgeLabels } from "./namespace";

/** The AWS Load Balancer Controller's Ingress annotations (alb.ingress.kubernetes.io/*). */
export const albAnnotations = {
  scheme: "alb.ingress.kubernetes.io/scheme",
  targetType: "alb.ingress.kubernetes.io/target-type",
  listenPorts: "alb.ingress.kubernetes.io/listen-ports",
  sslRedirect: "alb.ingress.kubernetes.io/ssl-redirect",
  certificateArn: "alb.ingress.kubernetes.io/certificate-arn",
  sslPolicy: "alb.ingress.kubernetes.io/ssl-policy",
  wafv2AclArn: "alb.ingress.kubernetes.io/wafv2-acl-arn",
  backendProtocol: "alb.ingress.kubernetes.io/backend-protocol",
  healthCheckPort: "alb.ingress.kubernetes.io/healthcheck-port",
  healthCheckPath: "alb.ingress.kubernetes.io/healthcheck-path",
  healthCheckProtocol: "alb.ingress.kubernetes.io/healthcheck-protocol",
  loadBalancerAttributes: "alb.ingress.kubernetes.io/load-balancer-attributes",
} as const;

/** The ALB's listeners: HTTP only to redirect, HTTPS for everything. */
export const ALB_LISTEN_PORTS = JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]);

/** ELB's TLS 1.3 security policies: 1.2 and 1.3, or 1.3 only (seed 003). */
export const ALB_SSL_POLICY: Record<TlsVersion, string> = {
  "1.2": "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "1.3": "ELBSecurityPolicy-TLS13-1-3-2021-06",
};

export interface AlbTargets<V> {
  certificateArn: V;
  webAclArn: V;
}

/**
 * The ALB in front of the gateway, as the controller reads it: an Ingress of class `alb` in the gateway's
 * namespace, IP targets (the gateway pods), HTTPS with the ACM certificate at the configured minimum TLS
 * version, HTTP redirected to HTTPS, the WAFv2 Web ACL associated (the controller calls
 * wafv2:AssociateWebACL for it), invalid header fields dropped, and every host routed to the gateway's HTTP
 * port, which routes by host and path as an NLB's clients would be.
 */
export function albIngress<V>(mesh: MeshSpec, targets: AlbTargets<V>): KubernetesObject {
  const hosts = gatewayHosts(mesh);
  const backend = { service: { name: GATEWAY_NAME, port: { name: GATEWAY_HTTP_PORT_NAME } } };
  const paths = [{ path: "/", pathType: "Prefix", backend }];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: EDGE_INGRESS,
      namespace: platformNamespaces.gateway,
      labels: edgeLabels,
      annotations: {
        [albAnnotations.scheme]: mesh.gateway.exposure,
        [albAnnotations.targetType]: "ip",
        [albAnnotations.listenPorts]: ALB_LISTEN_PORTS,
        [albAnnotations.sslRedirect]: "443",
        [albAnnotations.certificateArn]: targets.certificateArn as string,
        [albAnnotations.sslPolicy]: ALB_SSL_POLICY[mesh.gateway.minTlsVersion],
        [albAnnotations.wafv2AclArn]: targets.webAclArn as string,
        [albAnnotations.backendProtocol]: "HTTP",
        [albAnnotations.healthCheckPort]: String(istioPorts.status),
        [albAnnotations.healthCheckPath]: GATEWAY_HEALTH_PATH,
        [albAnnotations.healthCheckProtocol]: "HTTP",
        [albAnnotations.loadBalancerAttributes]: "routing.http.drop_invalid_header_fields.enabled=true",
      },
    },
    spec: {
      ingressClassName: ALB_INGRESS_CLASS,
      rules: hosts.map((host) => (host === "*" ? { http: { paths } } : { host, http: { paths } })),
    },
  };
}
