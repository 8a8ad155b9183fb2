import { platformNamespaces } from "../platform/namespaces";
import type { ResourceRule } from "../engine/rule";
import { judge } from "../engine/unknown";
import { apiGroupOf } from "../pod-security/pod-spec";
import { EXTERNAL_SERVICE_TYPES, serviceSpec } from "./service";

/**
 * What else opens a way in from outside: an Ingress (the AWS Load Balancer Controller turns one into a load
 * balancer, any ingress controller into a route) and a Gateway API Gateway (Istio and others provision one).
 */
const EXPOSING_KINDS: readonly { apiGroup: string; kind: string }[] = [
  { apiGroup: "networking.k8s.io", kind: "Ingress" },
  { apiGroup: "extensions", kind: "Ingress" },
  { apiGroup: "gateway.networking.k8s.io", kind: "Gateway" },
];

/** Only the gateway is reachable from outside the cluster: every other Service stays ClusterIP (or headless), and nothing else routes in. */
export const networkServiceExposure: ResourceRule = {
  name: "network-service-exposure",
  family: "network",
  summary: `no Service of type LoadBalancer or NodePort, no Ingress and no Gateway API Gateway outside the gateway namespace (${platformNamespaces.gateway})`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.namespace === platformNamespaces.gateway) return [];
    const object = subject.object;
    if (object && EXPOSING_KINDS.some((k) => k.kind === subject.kind && k.apiGroup === apiGroupOf(object.apiVersion))) {
      return [`${/^[AEIOU]/.test(subject.kind) ? "an" : "a"} ${subject.kind} outside the gateway namespace "${platformNamespaces.gateway}" opens a way in from outside the cluster: route through the gateway`];
    }
    const spec = serviceSpec(subject);
    if (!spec) return [];
    return judge(spec.type, (type) => EXTERNAL_SERVICE_TYPES.includes(String(type)), () => `type ${spec.type} outside the gateway namespace "${platformNamespaces.gateway}": only the gateway is exposed; use ClusterIP and route through the gateway`, "spec.type");
  },
};
