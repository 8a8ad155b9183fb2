import type { ResourceRule } from "../engine/rule";
import { judge } from "../engine/unknown";
import { serviceSpec } from "./service";

/**
 * A Service of type ExternalName is a DNS alias to any host, inside the cluster or out: gateways and ingress
 * controllers that follow it reach services of other namespaces, or the internet, past the NetworkPolicies
 * and AuthorizationPolicies that name exact peers (CVE-2021-25740). Strata never makes one.
 */
export const networkNoExternalName: ResourceRule = {
  name: "network-no-external-name",
  family: "network",
  summary: "no Service of type ExternalName (a DNS alias to any host that gateways follow, CVE-2021-25740)",
  scope: "resource",
  checkSubject(subject) {
    const spec = serviceSpec(subject);
    if (!spec) return [];
    return judge(spec.type, (type) => type === "ExternalName", () => `type ExternalName (an alias to ${JSON.stringify(spec.externalName)}): reach that host through a declared egress rule, not a DNS alias`, "spec.type");
  },
};
