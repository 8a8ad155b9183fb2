import { strict as assert } from "node:assert";
import { parse, stringify } from "yaml";
import { renderStack } from "../render";
import { toYaml, YAML_OPTIONS } from "../render/yaml";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { NUMBERS, OTHERS, random, randomValue, STRINGS } from "./yaml-corpus";

/**
 * The render's YAML writer (render/yaml.ts) writes exactly what `yaml`'s stringify writes with the same
 * options: on every file every stack renders, and on values chosen to hit each of its quoting, block-scalar,
 * number and collection rules, alone and nested at every depth.
 */

const same = (value: unknown, where: string) => assert.equal(toYaml(value), stringify(value, YAML_OPTIONS), where);

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
