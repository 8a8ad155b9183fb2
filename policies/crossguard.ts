import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { exemptionFor } from "./engine/exemption";
import { crossGuardConfigSchema, ruleOptionsFrom } from "./engine/pack-config";
import type { PolicyRule, ResourceRule, StackRule } from "./engine/rule";
import { PolicyStack } from "./engine/stack";
import { describeSubject, resourceSubject } from "./engine/subject";

/**
 * Thin CrossGuard wrappers around the pure rules: turn what the engine hands a policy into subjects, read
 * the rule's options from its config, drop exempted findings, report the rest. Enforcement levels are the
 * engine's business (`--policy-pack-config`), so every policy defaults to mandatory here.
 */

/** Every URN a resource's inputs depend on (a bucket's configuration depends on the bucket through `bucket`). */
function dependencyUrns(resource: PolicyResource): string[] {
  const fromProperties = Object.values(resource.propertyDependencies ?? {}).flat();
  return [...new Set([...resource.dependencies, ...fromProperties].map((d) => d.urn))];
}

function base(rule: PolicyRule) {
  return { name: rule.name, description: rule.summary, enforcementLevel: "mandatory" as const, configSchema: crossGuardConfigSchema(rule) };
}

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  return {
    ...base(rule),
    validateResource: (args, reportViolation) => {
      const subject = resourceSubject({ urn: args.urn, type: args.type, name: args.name, inputs: args.props, dependencies: [] });
      const options = ruleOptionsFrom(rule, args.getConfig());
      if (exemptionFor(options.exemptions, subject)) return;
      for (const message of rule.checkSubject(subject, options)) reportViolation(message);
    },
  };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...base(rule),
    validateStack: (args, reportViolation) => {
      const subjects = args.resources.map((r) => resourceSubject({ urn: r.urn, type: r.type, name: r.name, inputs: r.props, dependencies: dependencyUrns(r) }));
      const options = ruleOptionsFrom(rule, args.getConfig());
      for (const { subject, message } of rule.checkStack(new PolicyStack(subjects), options)) {
        if (!exemptionFor(options.exemptions, subject)) reportViolation(`${describeSubject(subject)}: ${message}`, subject.urn);
      }
    },
  };
}

export function crossGuardPolicy(rule: PolicyRule): ResourceValidationPolicy | StackValidationPolicy {
  return rule.scope === "resource" ? resourcePolicy(rule) : stackPolicy(rule);
}
