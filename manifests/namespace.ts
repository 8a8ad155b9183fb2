import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { Named } from "./kubernetes-object";
import { podSecurityLabelKeys } from "../platform/labels";
import { POD_SECURITY_VERSION } from "../platform/versions";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** Pod Security Admission labels: enforce, audit and warn at one level, pinned to one version. */
export function podSecurityLabels(level: PodSecurityLevel, version = POD_SECURITY_VERSION): Record<string, string> {
  return {
    [podSecurityLabelKeys.enforce]: level,
    [podSecurityLabelKeys.enforceVersion]: version,
    [podSecurityLabelKeys.audit]: level,
    [podSecurityLabelKeys.auditVersion]: version,
    [podSecurityLabelKeys.warn]: level,
    [podSecurityLabelKeys.warnVersion]: version,
  };
}

/** A namespace whose pods must meet the restricted Pod Security profile. */
export function restrictedNamespace(name: string, labels: Record<string, string>): Named<INamespace> {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { ...labels, ...podSecurityLabels("restricted") } },
  };
}
