import { podSecurityLabelKeys } from "../platform/labels";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";

/**
 * Every namespace enforces the restricted Pod Security profile. A component that genuinely needs host access
 * (the Istio CNI node agent, the Velero node agent, the node exporter) runs in its own namespace at a lower
 * level, with an exemption and its reason in the pack config: never by relaxing an application namespace.
 */
export const namespaceRestrictedPodSecurity: ResourceRule = {
  name: "namespace-restricted-pod-security",
  family: "pod-security",
  summary: `every namespace enforces the restricted Pod Security profile (label ${podSecurityLabelKeys.enforce}: restricted); host-access components' namespaces are exemptions with a reason`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "Namespace" || !subject.object) return [];
    const level = record(subject.object.metadata?.labels)[podSecurityLabelKeys.enforce];
    if (level === "restricted") return [];
    const now = level === undefined ? `has no ${podSecurityLabelKeys.enforce} label` : `enforces ${JSON.stringify(level)}`;
    return [`${now}: namespaces enforce "restricted"; a component that needs host access gets its own namespace and an exemption with a reason`];
  },
};
