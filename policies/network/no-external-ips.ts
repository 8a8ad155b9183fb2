import { list } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { serviceSpec } from "./service";

/** externalIPs route any address to a Service with no admission check (CVE-2020-8554): Strata never sets them. */
export const networkNoExternalIps: ResourceRule = {
  name: "network-no-external-ips",
  family: "network",
  summary: "no Service sets spec.externalIPs",
  scope: "resource",
  checkSubject(subject) {
    const spec = serviceSpec(subject);
    if (spec && isUnknown(spec.externalIPs)) return [undetermined("spec.externalIPs")];
    const ips = list<unknown>(spec?.externalIPs);
    return ips.length ? [`sets externalIPs ${JSON.stringify(ips)}: traffic to those addresses would bypass the gateway (CVE-2020-8554)`] : [];
  },
};
