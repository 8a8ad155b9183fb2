import * as fs from "node:fs";
import type { RE2JS } from "@bufbuild/re2";
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { packageVersion } from "../platform/package-version";
import { runCachedScript } from "./cached-script";
import { cachePath, readCached, sha256, writeCached } from "./crd-cache";
import type { JsonSchema } from "./crd-catalog";
import { parsedRules, rememberParsedRules } from "./cel/environment";
import { FORMATS } from "./crd-formats";
import { withoutAnnotations } from "./schema-annotations";
import { shareRepeatedSubschemas } from "./shared-subschemas";
import { strictSchema } from "./structural-schema";

/**
 * A CRD version's validator, compiled once: ajv's standalone code for the strict schema (unknown fields
 * are errors; defaults applied first, as the API server does before validating), kept on disk by the CRD's
 * hash, the version and the generator, and loaded with V8's code cache for it; plus the part of the schema
 * the CEL rules need. Compiling is the slow part (seconds for the platform's operators); loading is not.
 */

export interface CompiledVersion {
  /** ajv's validate function: true or false, with `errors`. */
  check: ValidateFunction;
  /** The schema pruned to what `celViolations` walks: the nodes holding rules, and the way to them. */
  rules: JsonSchema | undefined;
}

/** What a compile job gives back, written to the cache by the caller. */
export interface CompiledSource {
  key: string;
  /** The validator's code: a function of (require, module, exports), as a CommonJS module body is. */
  source: string;
  rules: JsonSchema | undefined;
  /** The syntax trees of the schema's CEL rules (cel/environment.ts parsedRules). */
  parsedRules: Record<string, string>;
}

const FORMATS_MODULE = "strata:crd-formats";
const PATTERNS_MODULE = "strata:crd-patterns";

/**
 * CRD patterns are Go (RE2) regular expressions, as the API server evaluates them. Compiling checks them
 * (a CRD with a pattern RE2 refuses is never cached); loaded code compiles each on its first test, so a
 * validator's load costs nothing for the patterns no object reaches.
 */
const regExp = Object.assign((pattern: string) => re2().compile(pattern), { code: `require(${JSON.stringify(PATTERNS_MODULE)})` });
const compileOnFirstTest = (pattern: string) => {
  let compiled: RE2JS | undefined;
  return { test: (text: string) => (compiled ??= re2().compile(pattern)).test(text) };
};

/** RE2, loaded when a pattern is first compiled or tested (most objects reach none). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const re2 = () => (require("@bufbuild/re2") as typeof import("@bufbuild/re2")).RE2JS;

/**
 * A compiler of its own for each schema, loaded on first use (a warm cache needs only ajv's small runtime
 * helpers): the code of a schema is then the same whatever was compiled before it, in any thread.
 */
export function compiler({ inlineRefs = false } = {}): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Ajv, _ } = require("ajv") as typeof import("ajv");
  // References are the subschemas compiledSchema shares: kept as calls, so that each is generated once.
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, inlineRefs, logger: false, formats: {}, code: { regExp, source: true, formats: _`require(${FORMATS_MODULE})` } });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

let generation: string | undefined;
/**
 * What the generated code depends on besides the schema: ajv's version and the source of the modules that
 * shape the schema and the compiler (any change to them gives new keys, so no stale validator is loaded).
 */
function generatorKey(): string {
  if (generation !== undefined) return generation;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ajvVersion = (require("ajv/package.json") as { version: string }).version;
  // The CEL parser's version too: the rules' syntax trees are kept beside the validators.
  const celVersion = packageVersion("@bufbuild/cel");
  generation = sha256([ajvVersion, celVersion, ...[__filename, require.resolve("./cel/environment"), require.resolve("./structural-schema"), require.resolve("./shared-subschemas"), require.resolve("./schema-annotations"), require.resolve("./schema-children"), require.resolve("./crd-formats")].map((f) => fs.readFileSync(f, "utf8"))].join("\u0000"));
  return generation;
}

/** The cache key of a CRD version's validator. */
export function validatorKey(crdHash: string, version: string): string {
  return sha256(`${generatorKey()}\u0000${crdHash}\u0000${version}`);
}

/**
 * What is compiled for a CRD version's schema: the strict schema, without annotations, its repeated parts
 * written once (tests/shared-subschemas.test.ts: the same verdicts as the strict schema itself).
 */
export function compiledSchema(schema: JsonSchema): JsonSchema {
  return shareRepeatedSubschemas(withoutAnnotations(strictSchema(schema)));
}

/** Compiles a version's schema to standalone code (the slow part: run in parallel when several are missing). */
export function compileVersion(key: string, schema: JsonSchema): CompiledSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const standaloneCode = (require("ajv/dist/standalone") as typeof import("ajv/dist/standalone")).default;
  const ajv = compiler();
  const code = standaloneCode(ajv, ajv.compile(compiledSchema(schema)));
  const rules = ruleSchema(schema);
  return { key, source: `(function (require, module, exports) {\n${code}\n})`, rules, parsedRules: parsedRules(celRules(rules)) };
}

/**
 * The schema as far as CEL rules go: a node with `x-kubernetes-validations` whole (a rule reads its node's
 * value through the schema), any other node only with the children that lead to one; undefined when no rule
 * is below. A property left out is kept as `{}` where the node also has additionalProperties, so that the
 * walk does not take the map's schema for it.
 */
export function ruleSchema(node: JsonSchema | undefined): JsonSchema | undefined {
  if (!node || typeof node !== "object") return undefined;
  if (node["x-kubernetes-validations"]) return node;
  const out: JsonSchema = {};
  const additional = typeof node.additionalProperties === "object" ? ruleSchema(node.additionalProperties as JsonSchema) : undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
    const pruned = ruleSchema(child);
    if (pruned) properties[key] = pruned;
    else if (additional) properties[key] = {};
  }
  if (Object.keys(properties).length) out.properties = properties;
  if (additional) out.additionalProperties = additional;
  const items = !Array.isArray(node.items) ? ruleSchema(node.items as JsonSchema | undefined) : undefined;
  if (items) out.items = items;
  return out.properties || out.additionalProperties || out.items ? out : undefined;
}

/** The CEL rules of a (rule) schema, each once. */
export function celRules(node: JsonSchema | undefined, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== "object") return out;
  for (const { rule } of (node["x-kubernetes-validations"] ?? []) as { rule?: unknown }[]) if (typeof rule === "string") out.add(rule);
  for (const child of Object.values((node.properties ?? {}) as Record<string, JsonSchema>)) celRules(child, out);
  for (const child of [node.items, node.additionalProperties]) if (child && typeof child === "object" && !Array.isArray(child)) celRules(child as JsonSchema, out);
  return out;
}

function requireForValidators(id: string): unknown {
  if (id === FORMATS_MODULE) return FORMATS;
  if (id === PATTERNS_MODULE) return compileOnFirstTest;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id);
}

const files = (key: string) => ({
  source: cachePath("validators", `${key}.js`),
  codeCache: cachePath("validators", `${key}.v8`),
  rules: cachePath("validators", `${key}.rules.json`),
  parsedRules: cachePath("validators", `${key}.cel.json`),
});

function load(key: string, source: string, rules: JsonSchema | undefined): CompiledVersion {
  const body = runCachedScript(source, files(key).codeCache, `strata-crd-validator-${key.slice(0, 12)}.js`) as (require: unknown, module: unknown, exports: unknown) => void;
  const module = { exports: {} as unknown };
  body(requireForValidators, module, module.exports);
  return { check: module.exports as ValidateFunction, rules };
}

/** The compiled version from the disk cache, or undefined when it is not there. */
export function loadCompiled(key: string): CompiledVersion | undefined {
  const source = readCached(files(key).source);
  const rules = readCached(files(key).rules);
  const parsed = readCached(files(key).parsedRules);
  if (source === undefined || rules === undefined || parsed === undefined) return undefined;
  rememberParsedRules(JSON.parse(parsed) as Record<string, string>);
  return load(key, source, JSON.parse(rules) ?? undefined);
}

/** Writes a compiled version to the disk cache and loads it. */
export function storeCompiled(compiled: CompiledSource): CompiledVersion {
  writeCached(files(compiled.key).rules, JSON.stringify(compiled.rules ?? null));
  writeCached(files(compiled.key).parsedRules, JSON.stringify(compiled.parsedRules));
  rememberParsedRules(compiled.parsedRules);
  writeCached(files(compiled.key).source, compiled.source);
  return load(compiled.key, compiled.source, compiled.rules);
}
