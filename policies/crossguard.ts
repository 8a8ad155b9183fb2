import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { exemptionFor } from "./engine/exemption";
import { crossGuardConfigSchema, ruleOptionsFrom } from "./engine/pack-config";
import { findingsOf, type PolicyRule, type ResourceRule, type StackRule } from "./engine/rule";
import { PolicyStack } from "./engine/stack";
import { describeSubject, resourceSubject, type PolicySubject } from "./engine/subject";
import { isUndetermined, withUnknowns, type RuleMessage } from "./engine/unknown";

/**
 * Thin CrossGuard wrappers around the pure rules: turn what the engine hands a policy into subjects, read
 * the rule's options from its config, drop exempted findings, report the rest. Enforcement levels are the
 * engine's business (`--policy-pack-config`), so every policy defaults to mandatory here.
 *
 * Unknowns: CrossGuard hands a policy its resources behind a proxy that throws on reading a value unknown
 * in the preview, and turns the throw into one advisory "can't run policy" for the whole policy, which
 * silences every other finding of it (on every resource, for a stack policy). So the wrappers read the
 * properties once, each unknown becoming `UNKNOWN`, and the rules judge what is known. Their violations
 * are reported as they are; what they could not judge (Undetermined) is said through the same engine
 * outcome, raised only after the violations are reported, so it silences nothing.
 */

// CrossGuard's own error for a value unknown during preview (exported untyped by @pulumi/policy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError } = require("@pulumi/policy") as { UnknownValueError: new (sentinel: string, path: string[]) => Error };
/** The engine's wire sentinel for an unknown string: how UnknownValueError names what kind of value was unknown. */
const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The engine's wire sentinels for unknown values (one per type; Pulumi's protocol, as @pulumi/policy's proxy
 * knows them): the values CrossGuard's proxy refuses to read.
 */
const ENGINE_UNKNOWNS = new Set([
  UNKNOWN_STRING_SENTINEL,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The key under which CrossGuard's proxy hands out the plain properties it wraps. */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** A value CrossGuard's proxy refuses to read: unknown in this preview. */
const UNREADABLE = Symbol("unknown during preview");

/**
 * The properties as plain data, every value unknown in the preview as `UNKNOWN`: from the plain object the
 * proxy wraps, its sentinels replaced (fast: a stack policy reads every resource); should the proxy not hand
 * it out, by reading through the proxy, each value it refuses to read being unknown.
 */
export function readProperties(value: unknown): unknown {
  const target = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[PROXY_TARGET] : undefined;
  if (target !== null && typeof target === "object") return withUnknowns(target, (v) => typeof v === "string" && ENGINE_UNKNOWNS.has(v));
  return readThroughProxy(value);
}

export function readThroughProxy(value: unknown): unknown {
  const read = (object: Record<PropertyKey, unknown>, key: PropertyKey): unknown => {
    try {
      return object[key];
    } catch (error) {
      if (error instanceof UnknownValueError) return UNREADABLE;
      throw error;
    }
  };
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    const object = v as Record<PropertyKey, unknown>;
    if (Array.isArray(v)) return Array.from({ length: v.length }, (_, i) => copy(read(object, i)));
    return Object.fromEntries(Object.keys(object).map((k) => [k, copy(read(object, k))]));
  };
  return withUnknowns(copy(value), (v) => v === UNREADABLE);
}

/** Every URN a resource's inputs depend on (a bucket's configuration depends on the bucket through `bucket`). */
function dependencyUrns(resource: PolicyResource): string[] {
  const fromProperties = Object.values(resource.propertyDependencies ?? {}).flat();
  return [...new Set([...resource.dependencies, ...fromProperties].map((d) => d.urn))];
}

/** Raised after the violations: what could not be judged, as CrossGuard's advisory "can't run … during preview". */
function raiseUndetermined(undetermined: string[]): void {
  if (!undetermined.length) return;
  const error = new UnknownValueError(UNKNOWN_STRING_SENTINEL, []);
  error.message = `judged what is known; could not judge: ${undetermined.join("; ")}`;
  throw error;
}

function base(rule: PolicyRule) {
  return { name: rule.name, description: rule.summary, enforcementLevel: "mandatory" as const, configSchema: crossGuardConfigSchema(rule) };
}

/** Reports a rule's messages on a subject: violations now, what could not be judged collected for later. */
function reporter(report: (message: string, urn?: string) => void) {
  const undetermined: string[] = [];
  return {
    undetermined,
    add(subject: PolicySubject, message: RuleMessage, withSubject: boolean) {
      const text = (m: string) => (withSubject ? `${describeSubject(subject)}: ${m}` : m);
      if (isUndetermined(message)) undetermined.push(`${describeSubject(subject)}: ${message.message}`);
      else report(text(message), subject.urn);
    },
  };
}

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  return {
    ...base(rule),
    validateResource: (args, reportViolation) => {
      const inputs = readProperties(args.props) as Record<string, unknown>;
      const subject = resourceSubject({ urn: args.urn, type: args.type, name: args.name, inputs, dependencies: [] });
      const options = ruleOptionsFrom(rule, args.getConfig());
      if (exemptionFor(options.exemptions, subject)) return;
      const out = reporter((message) => reportViolation(message));
      for (const { message } of findingsOf(rule, new PolicyStack([subject]), options)) out.add(subject, message, false);
      raiseUndetermined(out.undetermined);
    },
  };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...base(rule),
    validateStack: (args, reportViolation) => {
      const subjects = args.resources.map((r) =>
        resourceSubject({ urn: r.urn, type: r.type, name: r.name, inputs: readProperties(r.props) as Record<string, unknown>, dependencies: dependencyUrns(r) }),
      );
      const options = ruleOptionsFrom(rule, args.getConfig());
      const out = reporter(reportViolation);
      for (const { subject, message } of findingsOf(rule, new PolicyStack(subjects), options)) {
        if (!exemptionFor(options.exemptions, subject)) out.add(subject, message, true);
      }
      raiseUndetermined(out.undetermined);
    },
  };
}

export function crossGuardPolicy(rule: PolicyRule): ResourceValidationPolicy | StackValidationPolicy {
  return rule.scope === "resource" ? resourcePolicy(rule) : stackPolicy(rule);
}

