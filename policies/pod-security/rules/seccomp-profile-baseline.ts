import { isUnknown, judge, undetermined, type RuleMessage } from "../../engine/unknown";
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

/** Before v1.19 seccomp was set by annotations; the check reads them (only them). */
function checkAnnotations(spec: PodSpec, metadata: PodMetadata): RuleMessage[] {
  const annotations = metadata.annotations ?? {};
  if (isUnknown(annotations)) return [undetermined("the pod's annotations (seccomp profiles)")];
  const keys = [POD_ANNOTATION, ...podContainers(spec).map(({ container }) => CONTAINER_ANNOTATION_PREFIX + container.name)];
  return keys
    .filter((key) => key in annotations)
    .flatMap((key) =>
      judge(annotations[key], (v) => !confinedAnnotationValue(v), () => `annotation ${key}=${quote(annotations[key])} is forbidden (allowed: "runtime/default", "docker/default", "localhost/<profile>")`, `annotation ${key}`),
    );
}

/** A profile's type, where one is set: unknown, or not one that keeps a filter on. */
export function seccompTypeMessages(who: string, profile: { type?: unknown } | undefined): RuleMessage[] {
  if (profile == null) return [];
  const field = "securityContext.seccompProfile.type";
  return judge(profile.type, (t) => !CONFINED_SECCOMP_TYPES.has(t as string), () => `${who} must not set ${field} to ${quote(profile.type)}`, `${who} ${field}`);
}

/** From v1.19 the fields: whoever sets a seccomp profile must not set "Unconfined". Unset is allowed at baseline. */
function checkFields(spec: PodSpec): RuleMessage[] {
  return [
    ...seccompTypeMessages("pod", spec.securityContext?.seccompProfile),
    ...podContainers(spec).flatMap(({ label, container }) => seccompTypeMessages(label, container.securityContext?.seccompProfile)),
  ];
}

export function checkSeccompProfileBaseline(spec: PodSpec, metadata: PodMetadata, version: PodSecurityVersion): RuleMessage[] {
  return podSecurityMinor(version) >= 19 ? checkFields(spec) : checkAnnotations(spec, metadata);
}

export const seccompProfileBaseline: PodSecurityRule = {
  name: "pss-seccomp-profile-baseline",
  checkId: "seccompProfile_baseline",
  level: "baseline",
  summary: "seccompProfile.type, where set, not Unconfined (before v1.19: the seccomp annotations)",
  check: checkSeccompProfileBaseline,
};
