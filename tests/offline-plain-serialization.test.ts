import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { plainSerializeProperty, propertySerializers, type SerializeProperty } from "../offline/plain-serialization";

/**
 * The lean runtime's serializers (offline/plain-serialization.ts) against the runtime's own: for each value,
 * the same serialized value, settling in the same turn of the microtask queue (the turns decide the order in
 * which resources register), and the same dependencies recorded.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { serializeProperty: SerializeProperty; serializeProperties(label: string, props: Record<string, unknown>): Promise<unknown> };
const lean = plainSerializeProperty(rpc.serializeProperty);
const leanProperties = propertySerializers(lean);

/** The value a promise settles with and the turn it settles in, counted by a chain of microtasks started with it. */
function settling(start: () => Promise<unknown>): Promise<{ value: unknown; turn: number }> {
  let done = false;
  let value: unknown;
  start().then((v) => {
    done = true;
    value = v;
  });
  return new Promise((resolve) => {
    let turn = 0;
    const tick = (): void => {
      if (done) resolve({ value, turn });
      else {
        turn += 1;
        void Promise.resolve().then(tick);
      }
    };
    void Promise.resolve().then(tick);
  });
}

const CASES: [string, () => unknown][] = [
  ["a string", () => "a"],
  ["a number", () => 1],
  ["a boolean", () => true],
  ["null", () => null],
  ["undefined", () => undefined],
  ["a function", () => () => 1],
  ["an empty array", () => []],
  ["an empty object", () => ({})],
  ["an array of primitives, undefined and a function", () => [1, "a", null, undefined, () => 0, false]],
  ["nested objects and arrays, keys out of order", () => ({ b: { d: [1, { f: 2, e: [] }], c: {} }, a: "x", u: undefined, fn: () => 0 })],
  ["integer-like keys", () => ({ "10": 1, "9": 2, x: { "2": [] } })],
  ["a Date (an object without keys)", () => ({ at: new Date(0) })],
  ["a promise inside", () => ({ a: Promise.resolve({ x: [1, 2] }), b: { c: 2 } })],
  ["an output inside, plain values beside it", () => ({ a: { b: pulumi.output("x"), c: [1, { d: 2 }] }, e: [pulumi.output({ f: [1] }), "g"] })],
  ["a secret inside", () => ({ s: pulumi.secret("s"), t: { u: 1 } })],
  ["an unknown inside", () => ({ u: pulumi.Output.create(pulumi.runtime.unknownValue as unknown as string), v: [{}] })],
];

describe("the lean runtime's plain serialization", () => {
  for (const [what, make] of CASES) {
    it(`${what}: the runtime's value, in the runtime's turn, with its dependencies`, async () => {
      const stockDeps = new Set<unknown>();
      const leanDeps = new Set<unknown>();
      const stock = await settling(() => rpc.serializeProperty("v", make(), stockDeps, {}));
      const ours = await settling(() => lean("v", make(), leanDeps, {}));
      assert.deepEqual(ours, stock);
      assert.equal(JSON.stringify(ours.value), JSON.stringify(stock.value), "the same key order");
      assert.equal(leanDeps.size, stockDeps.size);
    });
  }

  it("serializeProperties of a resource's inputs: the same object, in the same turn", async () => {
    const props = () => Object.fromEntries(CASES.map(([what, make]) => [what, make()]));
    const stock = await settling(() => rpc.serializeProperties("r", props()));
    const ours = await settling(() => leanProperties.serializeProperties("r", props()));
    assert.deepEqual(ours, stock);
    assert.equal(JSON.stringify(ours.value), JSON.stringify(stock.value));
    assert.ok(stock.turn > 20, `a walk of many turns (${stock.turn})`);
  });
});
