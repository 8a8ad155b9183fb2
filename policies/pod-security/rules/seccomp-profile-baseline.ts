import { podContainers, quote, type PodMetadata, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";
import { podSecurityMinor, type PodSecurityVersion } from "../version";

/** Seccomp profile types that keep a filter on: the runtime's default, or a profile on the node. */
export const CONFINED_SECCOMP_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

const POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

function confinedAnnotationValue(value: unknown): boolean {
  return value === "runtime/default" || value === "docker/default" || (typeof value === "string" && value.startsWith("localhost/"));
}

/** Before v1.19 seccomp was set by annotations; the check reads them. */
function checkAnnotations(spec: PodSpec, metadata: PodMetadata): string[] {
  const annotations = metadata.annotations ?? {};
  const keys = [POD_ANNOTATION, ...podContainers(spec).map(({ container }) => CONTAINER_ANNOTATION_PREFIX + container.name)];
  return keys
    .filter((key) => key in annotations && !confinedAnnotationValue(annotations[key]))
    .map((key) => `annotation ${key}=${quote(annotations[key])} is forbidden (allowed: "runtime/default", "docker/default", "localhost/<profile>")`);
}

/** From v1.19 the fields: whoever sets a seccomp profile must not set "Unconfined". Unset is allowed at baseline. */
function checkFields(spec: PodSpec): string[] {
  const messages: string[] = [];
  const field = "securityContext.seccompProfile.type";
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile && !CONFINED_SECCOMP_TYPES.has(podProfile.type)) messages.push(`pod must not set ${field} to ${quote(podProfile.type)}`);
  for (const { label, container } of podContainers(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile && !CONFINED_SECCOMP_TYPES.has(profile.type)) messages.push(`${label} must not set ${field} to ${quote(profile.type)}`);
  }
  return messages;
}

export function checkSeccompProfileBaseline(spec: PodSpec, metadata: PodMetadata, version: PodSecurityVersion): string[] {
  return podSecurityMinor(version) >= 19 ? checkFields(spec) : checkAnnotations(spec, metadata);
}

export const seccompProfileBaseline: PodSecurityRule = {
  name: "pss-seccomp-profile-baseline",
  checkId: "seccompProfile_baseline",
  level: "baseline",
  summary: "seccompProfile.type, where set, not Unconfined (before v1.19: the seccomp annotations)",
  check: checkSeccompProfileBaseline,
};
