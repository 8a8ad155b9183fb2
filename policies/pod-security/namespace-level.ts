import { podSecurityLabelKeys } from "../platform/labels";
import { POD_SECURITY_VERSION } from "../platform/versions";
import type { PodSecurityNamespaceLevel } from "./evaluate";
import type { KubernetesObjectLike } from "./pod-spec";
import { isPodSecurityVersion, podSecurityMinor, type PodSecurityVersion } from "./version";

/**
 * The Pod Security level and version a namespace enforces, read from its Pod Security Admission labels as
 * the admission controller reads them. Strata is stricter than the controller's default in one way: an
 * object whose namespace is unknown (not in the stack or manifest set) or carries no valid enforce label is
 * held to restricted, since nothing says it may be less (`namespace-restricted-pod-security` flags the
 * namespace itself).
 */

const LEVELS: readonly PodSecurityNamespaceLevel[] = ["privileged", "baseline", "restricted"];

export function namespaceLevel(namespace: KubernetesObjectLike | undefined): PodSecurityNamespaceLevel {
  const label = namespace?.metadata?.labels?.[podSecurityLabelKeys.enforce];
  return LEVELS.find((level) => level === label) ?? "restricted";
}

/**
 * The version a namespace's pods are judged at: its enforce-version label, but never older than the version
 * Strata pins its namespaces to (absent, invalid or older: the pinned one). An old label would switch later
 * checks off; `namespace-restricted-pod-security` flags the namespace itself.
 */
export function namespaceVersion(namespace: KubernetesObjectLike | undefined): PodSecurityVersion {
  const pinned = POD_SECURITY_VERSION as PodSecurityVersion;
  const label = namespace?.metadata?.labels?.[podSecurityLabelKeys.enforceVersion];
  if (label === undefined || !isPodSecurityVersion(label)) return pinned;
  return podSecurityMinor(label) >= podSecurityMinor(pinned) ? label : pinned;
}

/** Whether a namespace at `level` is held to a rule of `ruleLevel` (restricted includes baseline). */
export function levelIncludes(level: PodSecurityNamespaceLevel, ruleLevel: "baseline" | "restricted"): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(ruleLevel);
}
