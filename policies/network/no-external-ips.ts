import { list } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { serviceSpec } from "./service";

/** externalIPs route any address to a Service with no admission check (CVE-2020-8554): Strata never sets them. */
export const networkNoExternalIps: ResourceRule = {
  name: "network-no-external-ips",
  family: "network",
  summary: "no Service sets spec.externalIPs",
  scope: "resource",
  checkSubject(subject) {
    const ips = list<unknown>(serviceSpec(subject)?.externalIPs);
    return ips.length ? [`sets externalIPs ${JSON.stringify(ips)}: traffic to those addresses would bypass the gateway (CVE-2020-8554)`] : [];
  },
};
