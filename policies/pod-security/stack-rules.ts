import { z } from "zod";
import type { Finding, StackRule } from "../engine/rule";
import type { PolicyStack } from "../engine/stack";
import { podSpecSites, siteMessages } from "./evaluate";
import type { KubernetesObjectLike } from "./pod-spec";
import { levelIncludes, namespaceLevel, namespaceVersion } from "./namespace-level";
import type { PodSecurityRule } from "./rule";
import { POD_SECURITY_RULES } from "./rules";
import { POD_SECURITY_VERSION_PATTERN, type PodSecurityVersion } from "./version";

/** A Pod Security version as config takes it: "latest" or "v1.<minor>". */
export const podSecurityVersionSchema = z.string().regex(POD_SECURITY_VERSION_PATTERN, 'expected "latest" or "v1.<minor>", e.g. "v1.34"');

/**
 * The pod specs of the objects of a stack, found once for all the Pod Security rules that judge them (each
 * rule is a stack rule of its own): by stack, then by object.
 */
const sitesOfStack = new WeakMap<object, WeakMap<object, ReturnType<typeof podSpecSites>>>();
function sitesOf(stack: PolicyStack, object: KubernetesObjectLike): ReturnType<typeof podSpecSites> {
  let ofStack = sitesOfStack.get(stack);
  if (!ofStack) sitesOfStack.set(stack, (ofStack = new WeakMap()));
  let sites = ofStack.get(object);
  if (!sites) ofStack.set(object, (sites = podSpecSites(object, undefined, stack)));
  return sites;
}

/**
 * A Pod Security check as a stack rule: every pod spec of every object, at its namespace's level and
 * version (or the configured ones). Stack-scoped because the level lives on the Namespace object.
 */
export function podSecurityStackRule(rule: PodSecurityRule): StackRule {
  return {
    name: rule.name,
    family: "pod-security",
    podSecurityLevel: rule.level,
    summary: rule.summary,
    scope: "stack",
    configProperties: { version: podSecurityVersionSchema.optional() },
    checkStack(stack, options): Finding[] {
      return stack.objects.flatMap((subject) => {
        const namespace = stack.namespace(subject.namespace);
        if (!levelIncludes(options.level ?? namespaceLevel(namespace), rule.level)) return [];
        const version: PodSecurityVersion = options.version ?? namespaceVersion(namespace);
        return siteMessages(rule, sitesOf(stack, subject.object), version).map((message) => ({ subject, message }));
      });
    },
  };
}

export const POD_SECURITY_STACK_RULES: readonly StackRule[] = POD_SECURITY_RULES.map(podSecurityStackRule);
