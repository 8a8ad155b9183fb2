import { podSecurityLabelKeys } from "../platform/labels";
import { POD_SECURITY_VERSION } from "../platform/versions";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { isPodSecurityVersion, podSecurityMinor, type PodSecurityVersion } from "./version";

/**
 * Every namespace enforces the restricted Pod Security profile, at Strata's pinned version or a newer one: a
 * namespace labelled restricted at an old version (`enforce-version: v1.0`) is admitted by checks that know
 * nothing of seccomp, capabilities or runAsUser. A component that genuinely needs host access (the Istio CNI
 * node agent, the Velero node agent, the node exporter) runs in its own namespace at a lower level, with an
 * exemption and its reason in the pack config: never by relaxing an application namespace.
 */
export const namespaceRestrictedPodSecurity: ResourceRule = {
  name: "namespace-restricted-pod-security",
  family: "pod-security",
  summary: `every namespace enforces the restricted Pod Security profile (label ${podSecurityLabelKeys.enforce}: restricted), at ${POD_SECURITY_VERSION} or newer (${podSecurityLabelKeys.enforceVersion} absent, "latest" or ≥ ${POD_SECURITY_VERSION}); host-access components' namespaces are exemptions with a reason`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "Namespace" || !subject.object) return [];
    const labels = record(subject.object.metadata?.labels);
    const level = labels[podSecurityLabelKeys.enforce];
    if (isUnknown(level)) return [undetermined(`its ${podSecurityLabelKeys.enforce} label`)];
    if (level !== "restricted") {
      const now = level === undefined ? `has no ${podSecurityLabelKeys.enforce} label` : `enforces ${JSON.stringify(level)}`;
      return [`${now}: namespaces enforce "restricted"; a component that needs host access gets its own namespace and an exemption with a reason`];
    }
    const version = labels[podSecurityLabelKeys.enforceVersion];
    if (isUnknown(version)) return [undetermined(`its ${podSecurityLabelKeys.enforceVersion} label`)];
    if (version === undefined || version === "latest") return [];
    const fix = `remove the label, or set "latest" or ${POD_SECURITY_VERSION} or newer`;
    if (typeof version !== "string" || !isPodSecurityVersion(version)) return [`${podSecurityLabelKeys.enforceVersion} is ${JSON.stringify(version)}, which is no Pod Security version: ${fix}`];
    if (podSecurityMinor(version as PodSecurityVersion) >= podSecurityMinor(POD_SECURITY_VERSION as PodSecurityVersion)) return [];
    return [`enforces "restricted" at ${version}, older than ${POD_SECURITY_VERSION}: an old version leaves out later checks (seccomp, capabilities, runAsUser, probe hosts); ${fix}`];
  },
};
