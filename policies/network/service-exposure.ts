import { platformNamespaces } from "../platform/namespaces";
import type { ResourceRule } from "../engine/rule";
import { EXTERNAL_SERVICE_TYPES, serviceSpec } from "./service";

/** Only the gateway is reachable from outside the cluster: every other Service stays ClusterIP (or headless). */
export const networkServiceExposure: ResourceRule = {
  name: "network-service-exposure",
  family: "network",
  summary: `no Service of type LoadBalancer or NodePort outside the gateway namespace (${platformNamespaces.gateway})`,
  scope: "resource",
  checkSubject(subject) {
    const spec = serviceSpec(subject);
    if (!spec || !EXTERNAL_SERVICE_TYPES.includes(String(spec.type)) || subject.namespace === platformNamespaces.gateway) return [];
    return [`type ${spec.type} outside the gateway namespace "${platformNamespaces.gateway}": only the gateway is exposed; use ClusterIP and route through the gateway`];
  },
};
