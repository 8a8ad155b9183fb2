import { strict as assert } from "node:assert";
import { parse, stringify } from "yaml";
import { renderStack } from "../render";
import { toYaml, YAML_OPTIONS } from "../render/yaml";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";

/**
 * The render's YAML writer (render/yaml.ts) writes exactly what `yaml`'s stringify writes with the same
 * options: on every file every stack renders, and on values chosen to hit each of its quoting, block-scalar,
 * number and collection rules, alone and nested at every depth.
 */

const same = (value: unknown, where: string) => assert.equal(toYaml(value), stringify(value, YAML_OPTIONS), where);

const STRINGS = [
  "", " ", "a", "a b", "a: b", "a:b", "a:", "a #b", "a#b", "#a", "- a", "-", "-a", "?", "? a", "?a", ":", ": a", "a ", " a",
  "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "null", "Null", "~", "1", "-1", "+1", "1.5", ".5", "1.", "1e3", "1E3",
  "0x1F", "0o17", "017", "08", "1_000", ".inf", "-.inf", ".nan", ".NaN", "2026-01-01", "12:30", "1:2:3",
  "@a", "`a", "'a'", '"a"', "a'b", 'a"b', "a'b\"c", "%a", "&a", "*a", "!a", "|", ">", "|a", ">a", "[a]", "{a}", "a,b", "a[b]", "a{b}",
  "a\nb", "a\nb\n", "a\nb\n\n", "a\n\nb", "\na", "\n", "\n\n", " a\nb", "a \nb", "a\n b", "a\n\tb", "a\tb", "\ta", "a\t", "a\r\nb", "a\rb",
  "\u0000", "\u0007", "\u001b", "\u0085", "\u00a0", "\u2028", "é", "日本", "😀", "\ud800",
  "---", "--- a", "...", "... a", "a\n---\nb", "a\n...\n", "%YAML", "# Rendered",
  "http://example.com/a?b=c#d", "arn:aws:iam::123456789012:role/x", "${STRATA_ROLE_ARN_VELERO}", "{{ .Values.x }}", "a: {b: c}",
  "x".repeat(100), `${"word ".repeat(40)}end`, `${"line\n".repeat(5)}`, `a${" ".repeat(3)}\nb`, "k".repeat(1100),
];
const NUMBERS = [0, -0, 1, -1, 42, 1.5, -2.25, 0.1, 1e21, 1e-7, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, NaN, Infinity, -Infinity];
const OTHERS: unknown[] = [true, false, null, [], {}, [[]], [{}], { a: [] }, { a: {} }, { a: undefined }, { a: undefined, b: 1 }, [null], [1, [2, [3, []]]], [{ a: 1, b: [{ c: {} }] }]];

/** A small deterministic generator, so a failure names the case that breaks. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const roll = next();
  if (depth <= 0 || roll < 0.45) return pick([...STRINGS, ...NUMBERS, ...OTHERS]);
  if (roll < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth - 1));
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(STRINGS), randomValue(next, depth - 1)]));
}

describe("the render's YAML writer", () => {
  it("writes every file of every stack's render as yaml's stringify does", () => {
    for (const stack of [...STACKS, ...SEED_STACKS]) {
      const result = renderStack(PROJECT_DIR, stack);
      if (!result.ok) assert.fail(`stack ${stack}: ${JSON.stringify(result.issues)}`);
      for (const [file, text] of result.tree.files) {
        const body = text.slice(text.indexOf("\n") + 1);
        const value = parse(body) as unknown;
        same(value, `${stack}/${file}`);
        assert.equal(toYaml(value), body, `${stack}/${file} reads back to the same text`);
      }
    }
  });

  it("writes each awkward scalar as yaml does: as a value, as a key, in a list, nested", () => {
    for (const s of STRINGS) {
      same({ s }, JSON.stringify(s));
      same({ [s]: "v" }, `key ${JSON.stringify(s)}`);
      same({ list: [s, [s], { [s]: s }] }, `in a list ${JSON.stringify(s)}`);
      same({ a: { b: { c: [{ d: s, [s]: [s] }] } } }, `nested ${JSON.stringify(s)}`);
    }
    for (const value of [...NUMBERS, ...OTHERS]) {
      same({ value }, String(JSON.stringify(value)));
      same({ list: [value, { value }] }, `in a list ${String(JSON.stringify(value))}`);
    }
  });

  it("writes what is not plain data as yaml does (left to it): roots that are not objects, class instances, undefined in a list", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    for (const value of ["a", 1, null, [1, 2], [{ a: 1 }], { d: new Date(0) }, { p: new Point(1, 2) }, { list: [1, undefined, 3] }, { m: new Map([["a", 1]]) }, Object.assign(Object.create(null), { a: 1 })]) {
      same(value, Object.prototype.toString.call(value));
    }
  });

  it("writes 3,000 random nested values as yaml does", () => {
    const next = random(22);
    for (let i = 0; i < 3000; i++) {
      const value = Object.fromEntries([["root", randomValue(next, 5)], [STRINGS[i % STRINGS.length], randomValue(next, 4)]]);
      same(value, `case ${i}: ${JSON.stringify(value)}`);
    }
  });
});
