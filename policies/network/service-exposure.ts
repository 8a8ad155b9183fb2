import { platformNamespaces } from "../../platform/namespaces";
import type { ResourceRule } from "../engine/rule";
import { apiGroupOf } from "../pod-security/pod-spec";
import { EXTERNAL_SERVICE_TYPES, serviceSpec } from "./service";

/**
 * Only the gateway is reachable from outside the cluster: every other Service stays ClusterIP (or headless),
 * and no Ingress outside the gateway's namespace (an ingress controller, the AWS Load Balancer Controller's
 * ALB among them, makes a way in of one).
 */
export const networkServiceExposure: ResourceRule = {
  name: "network-service-exposure",
  family: "network",
  summary: `no Service of type LoadBalancer or NodePort, and no Ingress, outside the gateway namespace (${platformNamespaces.gateway})`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.namespace === platformNamespaces.gateway) return [];
    if (subject.kind === "Ingress" && subject.object && ["networking.k8s.io", "extensions"].includes(apiGroupOf(subject.object.apiVersion))) {
      return [`an Ingress outside the gateway namespace "${platformNamespaces.gateway}" opens a way in from outside the cluster: route through the gateway`];
    }
    const spec = serviceSpec(subject);
    if (!spec || !EXTERNAL_SERVICE_TYPES.includes(String(spec.type))) return [];
    return [`type ${spec.type} outside the gateway namespace "${platformNamespaces.gateway}": only the gateway is exposed; use ClusterIP and route through the gateway`];
  },
};
