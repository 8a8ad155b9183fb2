import type { JsonSchema } from "../crd-catalog";
import { pointer } from "../schema-error";
import { compileRule, RuleCompileError } from "./environment";
import { celValue } from "./values";

/** One `x-kubernetes-validations` entry. */
interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

export interface RuleViolation {
  path: string;
  message: string;
}

/** Transition rules compare with the stored object; on create there is none, so Kubernetes skips them. */
const TRANSITION_RULE = /\boldSelf\b/;

/** `.a.b['c']` (a rule's fieldPath, relative to the node) as a JSON pointer suffix. */
function fieldPathPointer(base: string, fieldPath: string | undefined): string {
  if (!fieldPath) return base;
  let path = base;
  for (const m of fieldPath.matchAll(/\.([A-Za-z0-9_$-]+)|\['([^']*)'\]|\[(\d+)\]/g)) path = pointer(path, m[1] ?? m[2] ?? m[3]);
  return path;
}

function evaluate(rule: ValidationRule, value: unknown, schema: JsonSchema, path: string): RuleViolation | undefined {
  if (TRANSITION_RULE.test(rule.rule)) return undefined;
  const where = fieldPathPointer(path, rule.fieldPath);
  try {
    const ok = compileRule(rule.rule)({ self: celValue(value, schema) });
    if (ok === true) return undefined;
    if (ok !== false) return { path: where, message: `rule ${JSON.stringify(rule.rule)} returned ${String(ok)}, not a bool` };
    return { path: where, message: `${rule.message ?? `failed rule: ${rule.rule}`} (x-kubernetes-validations rule: ${rule.rule})` };
  } catch (err) {
    const what = err instanceof RuleCompileError ? "does not compile" : "failed to evaluate";
    return { path: where, message: `x-kubernetes-validations rule ${JSON.stringify(rule.rule)} ${what}: ${(err as Error).message}` };
  }
}

/**
 * Evaluates every `x-kubernetes-validations` rule of a structural schema on the value, as the API server
 * does on create: each rule at the node it is declared on, with `self` bound to that node's value, for
 * every node that is present; transition rules (those using `oldSelf`) are skipped.
 */
export function celViolations(value: unknown, schema: JsonSchema | undefined, path = ""): RuleViolation[] {
  if (value === undefined || !schema) return [];
  const out: RuleViolation[] = [];
  for (const rule of (schema["x-kubernetes-validations"] ?? []) as ValidationRule[]) {
    const violation = evaluate(rule, value, schema, path);
    if (violation) out.push(violation);
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => out.push(...celViolations(item, schema.items as JsonSchema | undefined, pointer(path, i))));
  } else if (value && typeof value === "object") {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const additional = typeof schema.additionalProperties === "object" ? (schema.additionalProperties as JsonSchema) : undefined;
    for (const [key, child] of Object.entries(value)) out.push(...celViolations(child, properties[key] ?? additional, pointer(path, key)));
  }
  return out;
}
