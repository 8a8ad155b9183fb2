import { z } from "zod";
import type { Finding, StackRule } from "../engine/rule";
import { podSecurityRuleMessages } from "./evaluate";
import { levelIncludes, namespaceLevel, namespaceVersion } from "./namespace-level";
import type { PodSecurityRule } from "./rule";
import { POD_SECURITY_RULES } from "./rules";
import { POD_SECURITY_VERSION_PATTERN, type PodSecurityVersion } from "./version";

/** A Pod Security version as config takes it: "latest" or "v1.<minor>". */
export const podSecurityVersionSchema = z.string().regex(POD_SECURITY_VERSION_PATTERN, 'expected "latest" or "v1.<minor>", e.g. "v1.34"');

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
        return podSecurityRuleMessages(rule, subject.object, version, undefined, stack).map((message) => ({ subject, message }));
      });
    },
  };
}

export const POD_SECURITY_STACK_RULES: readonly StackRule[] = POD_SECURITY_RULES.map(podSecurityStackRule);
