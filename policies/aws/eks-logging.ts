import { list } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { awsTypes, isOfType } from "./types";

/** The control-plane logs an incident needs: who called the API (audit, authenticator) and what it did (api). */
export const REQUIRED_LOG_TYPES = ["api", "audit", "authenticator"];

export const awsEksLogging: ResourceRule = {
  name: "aws-eks-logging",
  family: "aws",
  summary: `EKS control-plane logging is on for ${REQUIRED_LOG_TYPES.join(", ")} (enabledClusterLogTypes)`,
  scope: "resource",
  checkSubject(subject) {
    if (!isOfType(subject, awsTypes.eksCluster)) return [];
    const enabled = list<string>(subject.inputs.enabledClusterLogTypes);
    const missing = REQUIRED_LOG_TYPES.filter((t) => !enabled.includes(t));
    if (!missing.length) return [];
    if (enabled.some(isUnknown)) return [undetermined("enabledClusterLogTypes")];
    return [`control-plane logging misses ${missing.join(", ")}: add them to enabledClusterLogTypes`];
  },
};
