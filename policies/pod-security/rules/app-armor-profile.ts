import { isUnknown, judge, undetermined, type RuleMessage } from "../../engine/unknown";
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
 * `appArmorProfile` fields of pod and containers, and the older annotations on the pod metadata (only the
 * AppArmor annotations are read: another annotation being unknown changes nothing).
 */
export function checkAppArmorProfile(spec: PodSpec, metadata: PodMetadata): RuleMessage[] {
  const field = "securityContext.appArmorProfile.type";
  const check = (who: string, profile: { type?: unknown } | undefined) =>
    profile == null ? [] : judge(profile.type, (t) => !ALLOWED_TYPES.has(t as string), () => `${who} must not set ${field} to ${quote(profile.type)} (allowed: "RuntimeDefault", "Localhost")`, `${who} ${field}`);
  const messages: RuleMessage[] = [...check("pod", spec.securityContext?.appArmorProfile), ...podContainers(spec).flatMap(({ label, container }) => check(label, container.securityContext?.appArmorProfile))];
  const annotations = metadata.annotations;
  if (isUnknown(annotations)) return [...messages, undetermined("the pod's annotations (AppArmor profiles)")];
  for (const key of Object.keys(annotations ?? {}).filter((k) => k.startsWith(APP_ARMOR_ANNOTATION_PREFIX))) {
    const value = annotations![key];
    messages.push(...judge(value, (v) => !allowedAnnotationValue(v), () => `annotation ${key}=${quote(value)} is forbidden (allowed: "runtime/default", "localhost/<profile>")`, `annotation ${key}`));
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
