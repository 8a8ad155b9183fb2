import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { Named } from "./kubernetes-object";
import { podSecurityLabels } from "./namespace";

/** Why a namespace is exempt from the restricted profile: on the namespace itself, for reviewers and policies. */
export const POD_SECURITY_EXEMPTION_ANNOTATION = "strata.io/pod-security-exemption";

/**
 * A namespace for a component that genuinely needs host access (a node agent): Pod Security `privileged`,
 * its own namespace so that no application namespace is ever relaxed, and the reason written on it.
 */
export function exemptNamespace(name: string, labels: Record<string, string>, reason: string): Named<INamespace> {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, labels: { ...labels, ...podSecurityLabels("privileged") }, annotations: { [POD_SECURITY_EXEMPTION_ANNOTATION]: reason } },
  };
}
