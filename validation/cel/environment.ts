import { celEnv, isCelError, parse, plan, type CelEnv, type CelInput, type CelValue } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { kubernetesRegexFunctions } from "./kubernetes-regex";
import { kubernetesUrlFunctions } from "./kubernetes-url";

/**
 * The CEL environment of CRD validation rules: the standard library (with RE2 regular expressions, as
 * Kubernetes has), the strings extension, and the Kubernetes libraries the upstream CRDs use (URLs).
 * Rules using the optional-types syntax (`self.?field`) are not supported by the evaluator and fail to
 * compile: such a rule is reported, never skipped.
 */
const environment: CelEnv = celEnv({ funcs: [...strings, ...kubernetesUrlFunctions, ...kubernetesRegexFunctions] });

export type CompiledRule = (bindings: Record<string, CelInput>) => CelValue;

export class RuleCompileError extends Error {}

const compiled = new Map<string, CompiledRule | RuleCompileError>();

/** Parses and plans a rule once; later calls reuse it. Throws RuleCompileError when it does not compile. */
export function compileRule(rule: string): CompiledRule {
  if (!compiled.has(rule)) {
    try {
      const evaluate = plan(environment, parse(rule));
      compiled.set(rule, (bindings) => {
        const result = evaluate(bindings);
        if (isCelError(result)) throw new Error(result.message);
        return result;
      });
    } catch (err) {
      compiled.set(rule, new RuleCompileError((err as Error).message.split("\n")[0]));
    }
  }
  const entry = compiled.get(rule)!;
  if (entry instanceof RuleCompileError) throw entry;
  return entry;
}

/** A Go duration string ("90s", "1h30m") as a CEL duration, as Kubernetes types `format: duration`. */
export function celDuration(text: string): CelValue {
  return compileRule("duration(text)")({ text });
}
