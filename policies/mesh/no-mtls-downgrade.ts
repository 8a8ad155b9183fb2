import { ISTIO_SECURITY_API_GROUP } from "../platform/mesh";
import { record } from "../engine/fields";
import { isUnknown, judge, undetermined } from "../engine/unknown";
import type { ResourceRule } from "../engine/rule";
import { apiGroupOf } from "../pod-security/pod-spec";

/** Modes that accept plain text. */
const DOWNGRADES = ["PERMISSIVE", "DISABLE"];

/** No namespace, workload or port opts out of STRICT mTLS. */
export const meshNoMtlsDowngrade: ResourceRule = {
  name: "mesh-no-mtls-downgrade",
  family: "mesh",
  summary: "no PeerAuthentication sets mtls.mode or a portLevelMtls mode to PERMISSIVE or DISABLE; advisory in dev",
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "PeerAuthentication" || apiGroupOf(subject.object?.apiVersion) !== ISTIO_SECURITY_API_GROUP) return [];
    const spec = record(subject.object?.spec);
    if (isUnknown(spec.portLevelMtls)) return [undetermined("spec.portLevelMtls")];
    const modes: [string, unknown][] = [["mtls.mode", record(spec.mtls).mode], ...Object.entries(record(spec.portLevelMtls)).map(([port, m]): [string, unknown] => [`portLevelMtls.${port}.mode`, record(m).mode])];
    return modes.flatMap(([field, mode]) => judge(mode, (m) => DOWNGRADES.includes(String(m)), () => `${field} is ${mode}: plain-text traffic is accepted; keep STRICT`, field));
  },
};
