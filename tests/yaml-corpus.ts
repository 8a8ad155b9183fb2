/**
 * Values chosen to hit each of YAML's quoting, block-scalar, number and collection rules, and a
 * deterministic generator of nested values from them: the render's YAML writer and the manifests' YAML
 * reader are both held to `yaml` on these.
 */

export const STRINGS = [
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
export const NUMBERS = [0, -0, 1, -1, 42, 1.5, -2.25, 0.1, 1e21, 1e-7, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, NaN, Infinity, -Infinity];
export const OTHERS: unknown[] = [true, false, null, [], {}, [[]], [{}], { a: [] }, { a: {} }, { a: undefined }, { a: undefined, b: 1 }, [null], [1, [2, [3, []]]], [{ a: 1, b: [{ c: {} }] }]];

/** A small deterministic generator, so a failure names the case that breaks. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

export function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const roll = next();
  if (depth <= 0 || roll < 0.45) return pick([...STRINGS, ...NUMBERS, ...OTHERS]);
  if (roll < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth - 1));
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(STRINGS), randomValue(next, depth - 1)]));
}
