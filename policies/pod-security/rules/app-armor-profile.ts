import { podContainers, quote, type PodMetadata, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** The deprecated per-container annotation, still honoured (and still checked) next to the fields. */
export const APP_ARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);

function allowedAnnotationValue(value: unknown): boolean {
  return value === "" || value === "runtime/default" || (typeof value === "string" && value.startsWith("localhost/"));
}

/**
 * Baseline keeps AppArmor on: a profile may be overridden only with the runtime's default or a profile loaded
 * on the node, never "Unconfined". Both channels count (from v1.0, as in the reference implementation): the
 * `appArmorProfile` fields of pod and containers, and the older annotations on the pod metadata.
 */
export function checkAppArmorProfile(spec: PodSpec, metadata: PodMetadata): string[] {
  const messages: string[] = [];
  const badType = (profile: { type?: unknown } | undefined) => profile != null && !ALLOWED_TYPES.has(profile.type as string);
  const field = "securityContext.appArmorProfile.type";
  if (badType(spec.securityContext?.appArmorProfile)) {
    messages.push(`pod must not set ${field} to ${quote(spec.securityContext!.appArmorProfile!.type)} (allowed: "RuntimeDefault", "Localhost")`);
  }
  for (const { label, container } of podContainers(spec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (badType(profile)) messages.push(`${label} must not set ${field} to ${quote(profile!.type)} (allowed: "RuntimeDefault", "Localhost")`);
  }
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key.startsWith(APP_ARMOR_ANNOTATION_PREFIX) && !allowedAnnotationValue(value)) {
      messages.push(`annotation ${key}=${quote(value)} is forbidden (allowed: "runtime/default", "localhost/<profile>")`);
    }
  }
  return messages;
}

export const appArmorProfile: PodSecurityRule = {
  name: "pss-app-armor-profile",
  checkId: "appArmorProfile",
  level: "baseline",
  summary: "AppArmor not disabled: appArmorProfile.type (pod and containers) and the container.apparmor.security.beta.kubernetes.io/* annotations only the runtime default or a profile on the node",
  check: checkAppArmorProfile,
};
