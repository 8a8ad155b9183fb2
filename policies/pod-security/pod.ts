import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { list, quote } from "../engine/fields";
import { isUnknown, unlessUnknown, type RuleMessage } from "../engine/unknown";

/**
 * The pod as the Pod Security checks see it: a pod spec (a Pod's own, or a pod template's) and the metadata
 * next to it (AppArmor and seccomp annotations live there). Objects come from anywhere (stack resources,
 * rendered manifests, a vendor chart's `helm template`), so nothing here trusts a list to be a list.
 */

/** A pod spec; a `*Patch` resource's may leave out even `containers`. */
export type PodSpec = Partial<IPodSpec>;
export type PodMetadata = IObjectMeta;

/** One container of a pod, with how messages name it. */
export interface PodContainer {
  /** e.g. `container "app"`, `init container "setup"`, `ephemeral container "debug"`. */
  label: string;
  container: IContainer;
}

// Pod Security rules read fields through these (re-exported: the rules import them from here).
export { list, quote } from "../engine/fields";

/**
 * Every container the kubelet may run, in the reference implementation's order: init containers (native
 * sidecars included: Pod Security gives them no exemption), containers, then ephemeral (debug) containers.
 */
export function podContainers(spec: PodSpec): PodContainer[] {
  const named = (kind: string) => (container: IContainer): PodContainer => ({ label: `${kind} ${quote(container?.name ?? "")}`, container: container ?? ({} as IContainer) });
  return [
    ...list<IContainer>(spec.initContainers).map(named("init container")),
    ...list<IContainer>(spec.containers).map(named("container")),
    // An ephemeral container carries the same security-relevant fields as a container.
    ...list<IContainer>(spec.ephemeralContainers).map(named("ephemeral container")),
  ];
}

/** A condition a check's exemption rests on: true, false, or unknown until apply. */
export type Condition = boolean | "unknown";

function condition(value: unknown, holds: (v: unknown) => boolean): Condition {
  return isUnknown(value) ? "unknown" : holds(value);
}

/**
 * A pod that declares itself a Windows pod (`spec.os.name: windows`). From v1.25 the restricted checks of
 * Linux-only fields (seccomp, capabilities, privilege escalation) exempt it: those fields do not exist there.
 */
export function isWindowsPod(spec: PodSpec): Condition {
  return condition(spec.os?.name, (name) => name === "windows");
}

/** A pod in its own user namespace (`hostUsers: false`): root inside is not root on the node. */
export function inUserNamespace(spec: PodSpec): Condition {
  return condition(spec.hostUsers, (hostUsers) => hostUsers === false);
}

/** The exemption's wording in messages whose verdict it decides when it is unknown. */
export const WINDOWS_POD = "the pod is a Windows pod (spec.os.name)";
export const USER_NAMESPACE_POD = "the pod runs in its own user namespace (spec.hostUsers: false)";

/**
 * A check's messages for a pod an exemption may cover: none when it does, all when it does not, and each as
 * what could not be judged when whether it does is unknown.
 */
export function unlessExempt(exempt: Condition, why: string, messages: () => RuleMessage[]): RuleMessage[] {
  if (exempt === true) return [];
  return exempt === "unknown" ? unlessUnknown(messages(), why) : messages();
}
