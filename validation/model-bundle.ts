import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The schema modules of a set of kubernetes-models' models as one script. Each model's validator is ajv's
 * standalone code spread over ES modules, one per type (a Deployment's reaches ~100, a tree's ~220): loaded
 * as ES modules they cost ~0.35 ms each per process. Here each module becomes a function of one script
 * (kept on disk with V8's code cache, model-validators.ts), evaluated on first use as the module would be.
 *
 * The rewrite is exact or it is not made: every import of a schema module is a static `import{a as b}from"x"`
 * of a schema module or of @kubernetes-models/validate, every export an `export const name=fn;` of a function
 * declared in the module (hoisted: cycles between modules resolve as ES modules do). A module of any other
 * shape (es-module-lexer finds every import and export) leaves its models to the ES module loader.
 */

/** A model file: its package and its path there (`apps/v1/Deployment.js`), with the identity its class declares. */
export interface ModelEntry {
  pkg: "kubernetes-models" | "@kubernetes-models/apimachinery";
  file: string;
  /** For a kind's model: the apiVersion and kind its class must declare (else it is left out). */
  apiVersion?: string;
  kind?: string;
}

/** The specifier the schema modules import `formats` from: handed to the bundle as `__ext()`. */
export const VALIDATE_PACKAGE = "@kubernetes-models/validate";

export const entryName = (entry: Pick<ModelEntry, "pkg" | "file">) => `${entry.pkg}/${entry.file}`;

class UnfitModule extends Error {}

interface Lexed {
  imports: readonly { n: string | undefined; ss: number; se: number; d: number }[];
  exports: readonly { n: string; s: number; e: number }[];
}

function lexer(): (source: string) => Lexed {
  // Loaded only to build a bundle (a cold cache): its WebAssembly compiles synchronously on first parse.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("es-module-lexer/minimal") as { parse: (source: string) => readonly [Lexed["imports"], Lexed["exports"]] };
  // Copied at once: the lexer's records read its memory, which the next parse (of an imported module) reuses.
  return (source) => {
    let lexed: readonly [Lexed["imports"], Lexed["exports"]];
    try {
      lexed = parse(source);
    } catch (e) {
      throw new UnfitModule(`not lexed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const [imports, exports] = lexed;
    return { imports: imports.map(({ n, ss, se, d }) => ({ n, ss, se, d })), exports: exports.map(({ n, s, e }) => ({ n, s, e })) };
  };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const IMPORT_STATEMENT = /^import\s*\{([^}]*)\}\s*from\s*"[^"]*"$/;
const SCHEMA_NAME = /^[A-Za-z0-9]+$/;
/** Names the bundle puts in a module's scope: a module that uses any of them is left to the ES module loader. */
const BUNDLE_NAMES = /\b(exports|__r|__ext|__modules|__loaded|__entries)\b/;

/** `{a as b, c}` as a destructuring pattern: `{ a: b, c }`. */
function bindingsOf(statement: string): string {
  const clause = IMPORT_STATEMENT.exec(statement);
  if (!clause) throw new UnfitModule(`import of an unexpected shape: ${statement.slice(0, 80)}`);
  const bindings = clause[1]
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => {
      const [imported, as, local, ...rest] = b.split(/\s+/);
      if (!IDENTIFIER.test(imported) || rest.length || (as !== undefined && (as !== "as" || !IDENTIFIER.test(local ?? "")))) throw new UnfitModule(`import binding of an unexpected shape: ${b}`);
      return local ? `${imported}: ${local}` : imported;
    });
  return `{ ${bindings.join(", ")} }`;
}

/**
 * Builds the bundle of `entries` from the package directories given. Returns its source (a function of
 * `__ext`, returning `validatorOf(entryName)`) and the entries it holds; an entry whose model or schemas do
 * not fit is not held.
 */
export function buildModelBundle(entries: ModelEntry[], packageDirs: Record<ModelEntry["pkg"], string>): { source: string; held: string[] } {
  const lex = lexer();
  const modules: string[] = [];
  const indexOf = new Map<string, number>();
  const unfit = new Set<string>();

  const schemaFileOf = (from: string, specifier: string): string => {
    if (specifier.startsWith("./")) {
      const file = path.resolve(path.dirname(from), specifier);
      if (path.dirname(file) !== path.dirname(from) || !SCHEMA_NAME.test(path.basename(file, ".js")) || !file.endsWith(".js")) throw new UnfitModule(`import of ${specifier}`);
      return file;
    }
    const prefix = "@kubernetes-models/apimachinery/_schemas/";
    if (specifier.startsWith(prefix) && SCHEMA_NAME.test(specifier.slice(prefix.length))) return path.join(packageDirs["@kubernetes-models/apimachinery"], "_schemas", `${specifier.slice(prefix.length)}.js`);
    throw new UnfitModule(`import of ${specifier}`);
  };

  const visit = (file: string): number => {
    if (unfit.has(file)) throw new UnfitModule(`${file} does not fit`);
    const known = indexOf.get(file);
    if (known !== undefined) return known;
    const index = modules.push("null") - 1;
    indexOf.set(file, index);
    try {
      modules[index] = moduleFunction(file);
    } catch (e) {
      unfit.add(file);
      throw e;
    }
    return index;
  };

  const moduleFunction = (file: string): string => {
    let source: string;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch {
      throw new UnfitModule(`${file} cannot be read`);
    }
    if (BUNDLE_NAMES.test(source)) throw new UnfitModule(`${file}: uses a name the bundle defines`);
    const { imports, exports: exported } = lex(source);
    const edits: { start: number; end: number; text: string }[] = [];
    // Imports are bound before the module's own code runs, as an ES module's are (its imports evaluate first).
    const bindings: string[] = [];
    for (const i of imports) {
      if (i.d !== -1 || i.n === undefined) throw new UnfitModule(`${file}: a dynamic import or import.meta`);
      const target = i.n === VALIDATE_PACKAGE ? "__ext()" : `__r(${visit(schemaFileOf(file, i.n))})`;
      bindings.push(`const ${bindingsOf(source.slice(i.ss, i.se))} = ${target};`);
      edits.push({ start: i.ss, end: i.se, text: "" });
    }
    const hoisted: string[] = [];
    for (const x of exported) {
      const keyword = "export const ";
      const value = /^=([A-Za-z_$][\w$]*);/.exec(source.slice(x.e));
      if (source.slice(x.s - keyword.length, x.s) !== keyword || !value || !IDENTIFIER.test(x.n) || !new RegExp(`(^|[;}])function ${value[1].replace(/\$/g, "\\$")}\\(`).test(source)) {
        throw new UnfitModule(`${file}: an export of an unexpected shape`);
      }
      // The declaration stays (without `export`); the export is set first, as a hoisted binding would be.
      hoisted.push(`exports.${x.n} = ${value[1]};`);
      edits.push({ start: x.s - keyword.length, end: x.s - keyword.length + "export ".length, text: "" });
    }
    edits.sort((a, b) => a.start - b.start);
    let body = "";
    let at = 0;
    for (const edit of edits) {
      if (edit.start < at) throw new UnfitModule(`${file}: overlapping statements`);
      body += source.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    body += source.slice(at);
    return `function (exports, __r, __ext) {\n${hoisted.join("\n")}\n${bindings.join("\n")}\n${body}\n}`;
  };

  const held: Record<string, number> = {};
  for (const entry of entries) {
    try {
      held[entryName(entry)] = visit(schemaOfModel(entry, packageDirs[entry.pkg], lex));
    } catch (e) {
      if (!(e instanceof UnfitModule)) throw e;
    }
  }
  const source = [
    "(function (__ext) {",
    '"use strict";',
    `const __modules = [\n${modules.join(",\n")}\n];`,
    "const __loaded = [];",
    "function __r(i) {",
    "  let m = __loaded[i];",
    "  if (m === undefined) {",
    "    m = __loaded[i] = {};",
    // `this` is undefined at a module's top level.
    "    __modules[i].call(undefined, m, __r, __ext);",
    "  }",
    "  return m;",
    "}",
    `const __entries = new Map(Object.entries(${JSON.stringify(held)}));`,
    "return (entry) => (__entries.has(entry) ? __r(__entries.get(entry)).validate : undefined);",
    "})",
  ].join("\n");
  return { source, held: Object.keys(held) };
}

/**
 * The schema module a model file takes its validator from. The model file itself is not bundled: it only
 * declares the class, whose identity is checked here as the ES module's class would be.
 */
function schemaOfModel(entry: ModelEntry, packageDir: string, lex: (source: string) => Lexed): string {
  const file = path.join(packageDir, entry.file);
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    throw new UnfitModule(`${file} cannot be read`);
  }
  if (entry.apiVersion !== undefined && !source.includes(`static{this.apiVersion=${JSON.stringify(entry.apiVersion)}}`)) throw new UnfitModule(`${file}: not apiVersion ${entry.apiVersion}`);
  if (entry.kind !== undefined && !source.includes(`static{this.kind=${JSON.stringify(entry.kind)}}`)) throw new UnfitModule(`${file}: not kind ${entry.kind}`);
  const { imports } = lex(source);
  const schemas = imports.filter((i) => i.n !== "@kubernetes-models/base");
  if (schemas.length !== 1 || imports.length !== 2 || schemas[0].d !== -1 || !/^(\.\.\/)+_schemas\/[A-Za-z0-9]+\.js$/.test(schemas[0].n ?? "")) throw new UnfitModule(`${file}: imports of an unexpected shape`);
  if (bindingsOf(source.slice(schemas[0].ss, schemas[0].se)) !== "{ validate }") throw new UnfitModule(`${file}: imports of an unexpected shape`);
  const schema = path.resolve(path.dirname(file), schemas[0].n!);
  if (path.dirname(schema) !== path.join(packageDir, "_schemas")) throw new UnfitModule(`${file}: a schema outside the package's _schemas`);
  return schema;
}
