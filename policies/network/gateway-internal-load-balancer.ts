import { platformNamespaces } from "../platform/namespaces";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { serviceSpec } from "./service";

/**
 * The AWS Load Balancer Controller's scheme annotation, and the legacy in-tree controller's. Either makes the
 * load balancer internal (reachable from the VPC only).
 */
export const AWS_LB_SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const AWS_LB_INTERNAL_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";

/** In prod the gateway's load balancer is internal: the edge (CDN, WAF, VPN) sits in front of it, not the internet. */
export const networkGatewayInternalLoadBalancer: ResourceRule = {
  name: "network-gateway-internal-load-balancer",
  family: "network",
  summary: `the gateway's LoadBalancer Service is internal (annotation ${AWS_LB_SCHEME_ANNOTATION}: internal); advisory in dev`,
  scope: "resource",
  checkSubject(subject) {
    const spec = serviceSpec(subject);
    if (!spec || spec.type !== "LoadBalancer" || subject.namespace !== platformNamespaces.gateway) return [];
    const annotations = record(subject.object?.metadata?.annotations);
    if (annotations[AWS_LB_SCHEME_ANNOTATION] === "internal" || annotations[AWS_LB_INTERNAL_ANNOTATION] === "true") return [];
    return [`the gateway load balancer is internet-facing: annotate the Service ${AWS_LB_SCHEME_ANNOTATION}: internal`];
  },
};
