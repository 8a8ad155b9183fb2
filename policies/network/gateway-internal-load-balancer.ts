import { platformNamespaces } from "../platform/namespaces";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
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
    if (!spec || subject.namespace !== platformNamespaces.gateway) return [];
    if (isUnknown(spec.type)) return [undetermined("spec.type")];
    if (spec.type !== "LoadBalancer") return [];
    const annotations = record(subject.object?.metadata?.annotations);
    if (annotations[AWS_LB_SCHEME_ANNOTATION] === "internal" || annotations[AWS_LB_INTERNAL_ANNOTATION] === "true") return [];
    if (isUnknown(annotations) || isUnknown(annotations[AWS_LB_SCHEME_ANNOTATION]) || isUnknown(annotations[AWS_LB_INTERNAL_ANNOTATION])) return [undetermined("the load balancer scheme annotation")];
    return [`the gateway load balancer is internet-facing: annotate the Service ${AWS_LB_SCHEME_ANNOTATION}: internal`];
  },
};
