import { strict as assert } from "node:assert";
import { parseAllDocuments, stringify, type ToStringOptions } from "yaml";
import { parseBlockYaml } from "../cli/block-yaml";
import { renderStack } from "../render";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { kustomize, withoutHelmCharts } from "./kube-tools";
import { tempDir } from "./render-support";
import { writeTree } from "../render";
import { random, randomValue, STRINGS } from "./yaml-corpus";

/**
 * The manifests' fast YAML reader (cli/block-yaml.ts) reads what `yaml` reads, or declines: on every file
 * every stack renders and on kustomize's build of a tree it reads everything; on generated documents in
 * each writing style and on awkward snippets it reads them exactly as `yaml` does or declines, and it
 * declines everything `yaml` reports an error or a warning for.
 */

/** What `yaml` makes of a text: its documents' values, or "error" when it reports an error or a warning. */
function yamlReads(text: string): unknown[] | "error" {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => d.errors.length || d.warnings.length)) return "error";
  return docs.map((d) => d.toJS() as unknown);
}

/** Holds the fast reader to `yaml` on a text; returns whether it read it (rather than declined). */
function agrees(text: string, where: string): boolean {
  const fast = parseBlockYaml(text);
  const slow = yamlReads(text);
  if (slow === "error") {
    assert.equal(fast, undefined, `${where}: read what yaml rejects:\n${text}`);
    return false;
  }
  if (fast === undefined) return false;
  // Documents that are only comments or blank lines are null to both: the manifests' reader skips them.
  assert.deepEqual(fast.filter((d) => d !== null), slow.filter((d) => d !== null), `${where}:\n${text}`);
  return true;
}

describe("the manifests' YAML reader", () => {
  it("reads every file of every stack's render, exactly as yaml does", () => {
    for (const stack of [...STACKS, ...SEED_STACKS]) {
      const result = renderStack(PROJECT_DIR, stack);
      if (!result.ok) assert.fail(JSON.stringify(result.issues));
      for (const [file, text] of result.tree.files) assert.ok(agrees(text, `${stack}/${file}`), `${stack}/${file} declined`);
    }
  });

  it("reads kubectl kustomize's build of a tree (Go's YAML), exactly as yaml does", () => {
    const result = renderStack(PROJECT_DIR, "prod");
    if (!result.ok) assert.fail(JSON.stringify(result.issues));
    const dir = tempDir();
    writeTree(result.tree, dir);
    const built = kustomize(withoutHelmCharts(dir).dir);
    assert.equal(built.code, 0, built.stderr);
    assert.ok(agrees(built.stdout, "kustomize"), "kustomize's output declined");
  });

  it("reads generated documents in every block style as yaml does, or declines them", () => {
    const styles: ToStringOptions[] = [{}, { lineWidth: 0 }, { indentSeq: false }, { singleQuote: true }, { defaultStringType: "QUOTE_DOUBLE" }, { defaultKeyType: "PLAIN", defaultStringType: "QUOTE_SINGLE" }, { lineWidth: 24, minContentWidth: 0 }, { indent: 4 }];
    const next = random(7);
    let read = 0;
    let total = 0;
    for (let i = 0; i < 1500; i++) {
      const docs = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({ [STRINGS[Math.floor(next() * STRINGS.length)]]: randomValue(next, 4), kind: "K" }));
      const style = styles[i % styles.length];
      const text = docs.map((d) => stringify(d, style)).join(i % 2 ? "---\n" : "\n---\n");
      total++;
      if (agrees(text, `case ${i} (${JSON.stringify(style)})`)) read++;
    }
    // Most are read: the fast path is the one taken, not the fallback.
    assert.ok(read / total > 0.5, `read ${read} of ${total}`);
  });

  it("declines what it cannot read exactly, and everything yaml rejects", () => {
    const snippets = [
      "a: 1\na: 2\n", "a: b: c\n", "a: value # comment\n", "- a\n b\n", "a: b\n  c: d\n", "? a\n: b\n", "a: 'x\n  y'\n", 'a: "x\n  y"\n',
      "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n", "--- a\n", "a: |2\n   x\n", "a: >\n  x\n", "a: [1, 2]\n", "a: {b: c}\n", "a: !!str 1\n", "a: &x 1\nb: *x\n",
      "\ta: 1\n", "a:\n\t- b\n", "a:\n  - b\n c: d\n", "1: a\n", "null: a\n", "true: a\n", "__proto__: a\n", "'__proto__': a\n", 'a: "\\q"\n', "a: 'x'y\n",
      "a:\r\n  b: c\r\n", "\ufeffa: 1\n", "a: -\n", "a: - b\n", "- - a\n  - b\n- c\n", "a:\n- b\n- c\nd: e\n", "a:\n  |\n  x\n", "a: |\n\n  x\n\n\nb: 1\n",
      "a: |+\n  x\n\n\nb: 1\n", "a: |-\n  x\n  y\n", "a: |\n   x\n  y\n", "a: |\n  x\n   y\n  \n", "a:\n  b:\n    - c: d\n      e: f\n    -\n      g: h\n",
      'a: "\\x41\\u00e9\\U0001F600\\t\\\\"\n', "a: ''\nb: \"\"\nc:\nd: ~\n", "a: 0o17\nb: 0x1F\nc: 1e3\nd: .5\ne: -.inf\nf: .NaN\ng: +12\nh: -0\ni: 1_000\n",
      "# only a comment\n", "---\n---\na: 1\n---\n", "# head\n---\na: 1\n", "a: 1\n# tail\n", "a:\n  # inside\n  b: 1\n", "- a\n# between\n- b\n",
      "a:    spaced   \n", "key with spaces: v\n", "\"quoted key\": v\n", "'single': v\n", "a: \"x\" \n", "-  a\n-   b: c\n    d: e\n", "a: 2026-01-01\n",
      `${"k".repeat(1100)}: v\n`, "a: http://x:80/y\n", "a: b:c\n", "a: '#x'\n", "a: x#y\n", "a:\n- b\n  - c\n",
      // Plain scalars folded over lines, as Go's YAML writes them, whatever starts the next line.
      ...["- b", "[b]", "{b}", "& b", "* b", "! b", "'b'", '"b"', "|b", "> b", ">= 1", "? b", "% b", "@b", "`b", ",b", "-b", ":b", "# b", ": b", "b: c", "b # c"].flatMap((next) => [`a: x\n  ${next}\n`, `- x\n  ${next}\n`, `a:\n  x\n\n  ${next}\nz: 1\n`]),
      "a: one\n  two\n\n\n  three\nb: 1\n", "a: 'one\n  two\n\n  three'\n", 'a: "one\\\n  two \\ \n  three"\n', "a: 'x\n\n'\n", "a: \"x\n  \"\n", "- 'a\n  b': c\n",
    ];
    for (const [i, snippet] of snippets.entries()) agrees(snippet, `snippet ${i}`);
  });
});
