import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { CelEnv, CelInput, CelValue } from "@bufbuild/cel";
import { deferModule } from "../../platform/deferred-module";

/**
 * The CEL environment of CRD validation rules: the standard library (with RE2 regular expressions, as
 * Kubernetes has), the strings extension, and the Kubernetes libraries the upstream CRDs use (URLs).
 * Rules using the optional-types syntax (`self.?field`) are not supported by the evaluator and fail to
 * compile: such a rule is reported, never skipped.
 */
let environment: CelEnv | undefined;
function celEnvironment(): CelEnv {
  if (!environment) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { strings } = require("@bufbuild/cel/ext") as typeof import("@bufbuild/cel/ext");
    const { kubernetesUrlFunctions } = require("./kubernetes-url") as typeof import("./kubernetes-url");
    const { kubernetesRegexFunctions } = require("./kubernetes-regex") as typeof import("./kubernetes-regex");
    /* eslint-enable @typescript-eslint/no-require-imports */
    environment = cel().celEnv({ funcs: [...strings, ...kubernetesUrlFunctions, ...kubernetesRegexFunctions] });
  }
  return environment;
}

type Cel = typeof import("@bufbuild/cel");
let library: Cel | undefined;
/**
 * @bufbuild/cel, with protobuf-es and RE2 behind it (~130 modules), loaded when a rule is first parsed or
 * planned: a run that evaluates no CRD rule (check or validate without --crds) never loads it.
 */
function cel(): Cel {
  if (!library) {
    // Its parser (a 180 kB generated grammar) only for a rule whose syntax tree was not kept (parsedRules).
    const parser = path.join(path.dirname(require.resolve("@bufbuild/cel")), "parser.js");
    if (fs.existsSync(parser)) deferModule(parser);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    library = require("@bufbuild/cel") as Cel;
  }
  return library;
}

export type CompiledRule = (bindings: Record<string, CelInput>) => CelValue;

export class RuleCompileError extends Error {}

const compiled = new Map<string, CompiledRule | RuleCompileError>();

/**
 * Syntax trees of rules parsed in an earlier process (treeText), by rule: crd-compile.ts keeps those of a
 * CRD version beside its validator. Parsing is most of a rule's first use (about 2 ms each: the parser is
 * cold in a new process); reading its tree back is a twentieth of that.
 */
const parsedBefore = new Map<string, string>();

/*
 * A syntax tree (protobuf-es messages: plain objects) as JSON, with what JSON has no form for tagged:
 * 64-bit integers (bigint), bytes, and numbers JSON would change (infinities, NaN, -0).
 */
const TAG = "$strata";
function treeText(tree: unknown): string {
  return JSON.stringify(tree, (_key, value: unknown) => {
    if (typeof value === "bigint") return { [TAG]: "bigint", value: value.toString() };
    if (value instanceof Uint8Array) return { [TAG]: "bytes", value: Buffer.from(value).toString("base64") };
    if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) return { [TAG]: "number", value: String(value) };
    return value;
  });
}
function treeOf(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (!value || typeof value !== "object" || !(TAG in value)) return value;
    const { [TAG]: tag, value: text } = value as { [TAG]: string; value: string };
    return tag === "bigint" ? BigInt(text) : tag === "bytes" ? new Uint8Array(Buffer.from(text, "base64")) : Number(text);
  });
}

/** Remembers rules parsed before (what parsedRules gave), planned from their trees when first used. */
export function rememberParsedRules(parsed: Readonly<Record<string, string>>): void {
  for (const [rule, tree] of Object.entries(parsed)) parsedBefore.set(rule, tree);
}

/**
 * The syntax trees of the rules that parse, for rememberParsedRules in a later process: only those read back
 * exactly as parsed (same values, same prototypes); any other is parsed again where it is used.
 */
export function parsedRules(rules: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    let tree: unknown;
    try {
      tree = cel().parse(rule).expr;
    } catch {
      continue; // compileRule reports it when the rule is used
    }
    const text = treeText(tree);
    if (isDeepStrictEqual(treeOf(text), tree)) out[rule] = text;
  }
  return out;
}

function syntaxTree(rule: string): ReturnType<Cel["parse"]>["expr"] {
  const text = parsedBefore.get(rule);
  return text === undefined ? cel().parse(rule).expr : (treeOf(text) as ReturnType<Cel["parse"]>["expr"]);
}

/** Parses and plans a rule once; later calls reuse it. Throws RuleCompileError when it does not compile. */
export function compileRule(rule: string): CompiledRule {
  if (!compiled.has(rule)) {
    try {
      const { plan, isCelError } = cel();
      const evaluate = plan(celEnvironment(), syntaxTree(rule));
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
