import * as fs from "node:fs";
import { CORE_SCHEMA, load } from "js-yaml";
import type { Alias, Node } from "yaml";

/** The `yaml` library, loaded only for a file the quick path refuses (most stack files never need it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlLibrary = () => require("yaml") as typeof import("yaml");

/**
 * A YAML file read the way a config file should be: once, in time linear in its size, within limits, and
 * every problem said as `file:line:col: what was expected` (never a parser's stack trace). Most files take
 * the quick path (js-yaml); a file it refuses, or one with anchors, goes through the `yaml` library for its
 * positions. That library's own duplicate-key check compares each key with every earlier one (quadratic: a
 * 1 MB file took seconds); it is off, and the walk below finds duplicates with one Set per map, naming both lines.
 */

/** Larger files are refused before they are read: a stack file is config, not data. */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/** Aliases resolved per document: a "billion laughs" file expands each one many times over. */
export const MAX_YAML_ALIASES = 100;
/** Nesting deeper than this is refused (no stack config comes near it). */
export const MAX_YAML_DEPTH = 64;

export interface YamlProblem {
  /** `file:line:col` (or just the file when the problem is the file itself). */
  location: string;
  message: string;
}

export class YamlFileError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: YamlProblem[],
  ) {
    super(problems.map((p) => `${p.location}: ${p.message}`).join("\n"));
    this.name = "YamlFileError";
  }
}

/** The bytes of `file` as UTF-8 text; a directory, an oversized file or bytes that are not UTF-8 are refused. */
function readText(file: string, shown: string): string {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new YamlFileError(file, [{ location: shown, message: "is a directory, not a YAML file" }]);
  if (!stat.isFile()) throw new YamlFileError(file, [{ location: shown, message: "is not a regular file" }]);
  if (stat.size > MAX_YAML_BYTES) throw new YamlFileError(file, [{ location: shown, message: `is ${stat.size} bytes; a stack file may have at most ${MAX_YAML_BYTES} (8 MiB)` }]);
  const bytes = fs.readFileSync(file);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset)).split("\n");
    const line = before.length;
    const col = before[before.length - 1].length + 1;
    return fail(file, `${shown}:${line}:${col}`, `byte 0x${bytes[offset].toString(16).padStart(2, "0")} is not UTF-8: a stack file is UTF-8 text`);
  }
}

function fail(file: string, location: string, message: string): never {
  throw new YamlFileError(file, [{ location, message }]);
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence (decoding failed: there is one). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!length) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}

/**
 * The one document in `file` as plain JavaScript values. `shown` is how the file is named in messages (a
 * path relative to the project). Throws YamlFileError with every problem found.
 */
export function readYamlFile(file: string, shown: string): unknown {
  const text = readText(file, shown);
  const fast = quickParse(text);
  if (fast.ok) {
    // Too deep: the strict parser says where.
    if (tooDeep(fast.value)) return parseStrictly(file, shown, text, `is nested more than ${MAX_YAML_DEPTH} levels deep`);
    return fast.value;
  }
  return parseStrictly(file, shown, text, fast.message);
}

/**
 * The common case, fast: js-yaml (YAML 1.2's core schema, as \`pulumi\` reads stack files; about ten times
 * the \`yaml\` library's speed) on a file without anchors or explicit keys. It refuses duplicate keys itself;
 * anything it refuses is parsed again by parseStrictly, which says exactly where and why.
 */
function quickParse(text: string): { ok: true; value: unknown } | { ok: false; message?: string } {
  // Anchors may expand (an alias bomb): the strict parser counts them. `? key` may be a map as a key.
  if (/(^|[\s[{,:-])&\S/m.test(text) || /^\s*\?(\s|$)/m.test(text)) return { ok: false };
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA, json: false }) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message.split("\n")[0] : String(e) };
  }
}

/** Whether a parsed value nests deeper than MAX_YAML_DEPTH (an explicit stack: no recursion). */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > MAX_YAML_DEPTH) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The \`yaml\` library's full document, with every position: what quickParse could not take. */
function parseStrictly(file: string, shown: string, text: string, quickMessage?: string): unknown {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true, stringKeys: false });
  } catch (e) {
    // A nesting so deep the parser's recursion ran out.
    if (e instanceof RangeError) fail(file, shown, `is nested too deeply (more than ${MAX_YAML_DEPTH} levels)`);
    throw e;
  }
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${shown}:${line}:${col}`;
  };
  const problems: YamlProblem[] = doc.errors.map((e) => ({ location: at(e.pos[0]), message: expectation(e.code, e.message) }));
  if (problems.length) throw new YamlFileError(file, problems);
  if (doc.contents) problems.push(...structureProblems(doc.contents, at, (alias) => alias.resolve(doc) !== undefined));
  if (problems.length) throw new YamlFileError(file, problems);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof Error && /excessive alias/i.test(e.message)) fail(file, shown, `expands aliases more than ${MAX_YAML_ALIASES} times (an alias bomb?): write the values out`);
    if (e instanceof RangeError) fail(file, shown, `is nested too deeply (more than ${MAX_YAML_DEPTH} levels)`);
    throw e;
  }
  // The two parsers disagree (rare): say what the quick one found rather than accept what it refused.
  if (quickMessage !== undefined) fail(file, shown, quickMessage);
  return value;
}

/** The parser's message, first line only (its own excerpt of the file is noise here), with what was expected. */
function expectation(code: string, message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (code === "TAB_AS_INDENT") return `${first} (indent with spaces)`;
  return first;
}

/** Duplicate keys (naming both lines), non-scalar keys, unresolved aliases and excess depth, in one walk (an explicit stack: no recursion). */
function structureProblems(root: Node, at: (offset: number) => string, resolves: (alias: Alias) => boolean): YamlProblem[] {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary();
  const problems: YamlProblem[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node) && !resolves(node)) {
      problems.push({ location: at(node.range?.[0] ?? 0), message: `alias *${node.source} names no anchor above it (&${node.source})` });
      continue;
    }
    if (isAlias(node) || isScalar(node) || !node) continue;
    const offset = (node as Node).range?.[0] ?? 0;
    if (depth > MAX_YAML_DEPTH) {
      problems.push({ location: at(offset), message: `nested more than ${MAX_YAML_DEPTH} levels deep` });
      continue;
    }
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        const keyOffset = (key as Node | null)?.range?.[0] ?? offset;
        if (!isScalar(key)) {
          problems.push({ location: at(keyOffset), message: "a key must be a plain value (a string), not a map or a list" });
          continue;
        }
        const name = String(key.value);
        const first = seen.get(name);
        if (first !== undefined) {
          const line = (o: number) => at(o).split(":").slice(-2, -1)[0];
          problems.push({ location: at(keyOffset), message: `duplicate key "${name}" (line ${line(keyOffset)}; first on line ${line(first)}): each key once` });
        } else seen.set(name, keyOffset);
        stack.push({ node: pair.value, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return problems.sort((a, b) => compareLocations(a.location, b.location));
}

function compareLocations(a: string, b: string): number {
  const pos = (l: string) => l.split(":").slice(-2).map(Number);
  const [la, ca] = pos(a);
  const [lb, cb] = pos(b);
  return la - lb || ca - cb;
}
