import { strict as assert } from "node:assert";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { CrdCatalog, type JsonSchema } from "../validation/crd-catalog";
import { compiledSchema, compiler } from "../validation/crd-compile";
import { groupOf } from "../validation/core-models";
import { withoutAnnotations } from "../validation/schema-annotations";
import { shareRepeatedSubschemas } from "../validation/shared-subschemas";
import { strictSchema } from "../validation/structural-schema";
import { kubernetesObjects, stackRun } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * The cached CRD validators are compiled from a smaller schema than the CRD's (validation/crd-compile.ts):
 * annotations dropped, repeated subschemas written once and referenced. Their verdicts must be exactly
 * those of the schema as it was: the same errors (path, keyword, parameters) and the same defaults applied,
 * on the platform's own resources of the largest CRDs and on thousands of broken copies of them.
 */

type Verdict = { errors: Pick<ErrorObject, "instancePath" | "keyword" | "params">[]; defaulted: unknown };
function verdict(check: ValidateFunction, object: unknown): Verdict {
  const defaulted = structuredClone(object);
  check(defaulted);
  return { errors: (check.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })), defaulted };
}

/** Copies of an object broken in one place each: an unknown field in every object, a wrong type for every scalar, each list emptied of its items' fields. */
function broken(object: unknown, limit = 400): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, edit: (replace: (value: unknown) => unknown) => unknown) => {
    if (out.length >= limit) return;
    if (Array.isArray(node)) {
      out.push(edit(() => [{}]));
      node.forEach((item, i) => walk(item, (replace) => edit((list) => (list as unknown[]).map((x, j) => (j === i ? replace(x) : x)))));
    } else if (node && typeof node === "object") {
      out.push(edit((value) => ({ ...(value as object), unexpectedField: true })));
      for (const key of Object.keys(node)) walk((node as Record<string, unknown>)[key], (replace) => edit((value) => ({ ...(value as object), [key]: replace((value as Record<string, unknown>)[key]) })));
    } else {
      out.push(edit(() => (typeof node === "string" ? 42 : "not-a-number")));
    }
  };
  walk(object, (replace) => replace(object));
  return out;
}

describe("the validators' compiled schema: annotations dropped, repeats shared", function () {
  this.timeout(180_000);

  it("drops annotations at schema keywords only, and writes a repeated subschema once", () => {
    const big: JsonSchema = { type: "object", description: "d", properties: Object.fromEntries([...Array(40).keys()].map((i) => [`field${i}`, { type: "string", description: "x" }])) };
    const schema: JsonSchema = {
      type: "object",
      properties: { description: { type: "string", description: "a property named description" }, a: big, b: { ...big, description: "another text" }, c: { type: "array", items: big } },
    };
    const lean = withoutAnnotations(schema);
    assert.deepEqual(Object.keys((lean.properties as Record<string, JsonSchema>).description), ["type"]);
    assert.equal(JSON.stringify(lean).includes('"description":"'), false);
    const shared = shareRepeatedSubschemas(lean);
    assert.deepEqual(Object.keys(shared.$defs as object), ["s0"]);
    const properties = shared.properties as Record<string, JsonSchema>;
    assert.deepEqual([properties.a, properties.b, (properties.c.items as JsonSchema)], [{ $ref: "#/$defs/s0" }, { $ref: "#/$defs/s0" }, { $ref: "#/$defs/s0" }]);
    // Below the size limit nothing moves.
    assert.equal(shareRepeatedSubschemas({ type: "object", properties: { a: { type: "string" }, b: { type: "string" } } }).$defs, undefined);
  });

  it("gives the same errors and defaults as the whole schema, on the platform's resources of the largest CRDs and broken copies", async function () {
    requireSharedCrds(this);
    const catalog = new CrdCatalog([SHARED_CRDS]);
    const objects = kubernetesObjects((await stackRun("prod")).resources) as (KubernetesObject & Record<string, unknown>)[];
    let compared = 0;
    let withErrors = 0;
    let sharedParts = 0;
    for (const kind of ["PostgresCluster", "Kafka", "ClusterSecretStore", "RedisCluster", "NodePool"]) {
      const object = objects.find((o) => o.kind === kind);
      assert.ok(object, `prod has a ${kind}`);
      const entry = catalog.find(groupOf(object.apiVersion), kind)!;
      const version = object.apiVersion.slice(object.apiVersion.lastIndexOf("/") + 1);
      const schema = catalog.definition(entry).spec.versions.find((v) => v.name === version)!.schema!.openAPIV3Schema as JsonSchema;
      // The strict schema as it is, with ajv's defaults, against what the cache compiles.
      const whole = compiler({ inlineRefs: true }).compile(strictSchema(schema));
      const compact = compiledSchema(schema);
      sharedParts += Object.keys(compact.$defs ?? {}).length;
      const lean = compiler().compile(compact);
      for (const candidate of [object, ...broken(object)]) {
        const expected = verdict(whole, candidate);
        assert.deepEqual(verdict(lean, candidate), expected, `${kind}: ${JSON.stringify(expected.errors[0] ?? "valid")}`);
        compared++;
        if (expected.errors.length) withErrors++;
      }
    }
    console.log(`      ${compared} resources compared (${withErrors} with errors), ${sharedParts} subschemas shared`);
    assert.ok(withErrors > compared / 2, "most broken copies are refused");
    assert.ok(sharedParts > 10);
  });
});
