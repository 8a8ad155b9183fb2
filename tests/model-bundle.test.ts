import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import type { ErrorObject } from "ajv";
import { isCoreGroup } from "../validation/core-models";
import { packageDir, requireModelFile, requireValidatePackage } from "../validation/esm-models";
import { buildModelBundle, entryName, type ModelEntry } from "../validation/model-bundle";
import { bundleOrder } from "../validation/model-validators";
import { renderedTree, tempDir, treeObjects } from "./render-support";

/**
 * kubernetes-models' validators bundled as one script (validation/model-bundle.ts) judge exactly as the
 * package's ES modules do, and a module the rewrite does not expect is left to the ES module loader.
 */

const DIRS = { "kubernetes-models": packageDir("kubernetes-models"), "@kubernetes-models/apimachinery": packageDir("@kubernetes-models/apimachinery") };

type Validator = (data: unknown) => boolean;

function load(source: string): (entry: string) => Validator | undefined {
  const make = vm.runInThisContext(source) as (ext: () => unknown) => (entry: string) => Validator | undefined;
  return make(() => requireValidatePackage());
}

/** ajv's errors as the model's validate() leaves them (runValidateFunc localizes their messages), or [] when valid. */
function errorsOf(validate: (data: unknown) => void, data: unknown): ErrorObject[] {
  try {
    validate(data);
    return [];
  } catch (e) {
    const errors = (e as { errors?: ErrorObject[] }).errors;
    if (!errors) throw e;
    return errors;
  }
}

/** Broken copies of an object: each scalar (up to `limit`) given a value of another type, each object made a string. */
function brokenCopies(object: unknown, limit: number): unknown[] {
  const copies: unknown[] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    if (copies.length >= limit) return;
    if (at.length) {
      const broken = structuredClone(object) as Record<string | number, unknown>;
      let parent = broken;
      for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      parent[at[at.length - 1]] = typeof value === "string" ? 7 : typeof value === "number" ? "seven" : typeof value === "boolean" ? "yes" : "not an object";
      copies.push(broken);
    }
    if (value && typeof value === "object") for (const [k, child] of Object.entries(value)) walk(child, [...at, Array.isArray(value) ? Number(k) : k]);
  };
  walk(object, []);
  return copies;
}

describe("kubernetes-models' validators bundled as one script", function () {
  this.timeout(120_000);

  it("judge every object the dev and prod stacks render, and broken copies of them, as the ES modules do", () => {
    const objects = ["dev", "prod"].flatMap((stack) => treeObjects(renderedTree(stack))).filter((o) => isCoreGroup(o.apiVersion));
    const kinds = new Map(objects.map((o) => [`${o.apiVersion}/${o.kind}`, { pkg: "kubernetes-models" as const, file: `${o.apiVersion}/${o.kind}.js`, apiVersion: o.apiVersion, kind: o.kind }]));
    const { source, held } = buildModelBundle([...kinds.values()], DIRS);
    assert.deepEqual(held.sort(), [...kinds.values()].map(entryName).sort(), "every kind the platform renders is bundled");
    const bundled = load(source);
    const { runValidateFunc } = requireValidatePackage();
    let compared = 0;
    let invalid = 0;
    for (const object of objects) {
      const entry = kinds.get(`${object.apiVersion}/${object.kind}`)!;
      const model = requireModelFile("kubernetes-models", entry.file)[object.kind] as { prototype: { validate(this: unknown): void } };
      const fn = bundled(entryName(entry))!;
      for (const data of [object, ...brokenCopies(object, 25)]) {
        const expected = errorsOf((d) => model.prototype.validate.call(d), data);
        assert.deepEqual(errorsOf((d) => runValidateFunc(fn, d), data), expected, `${object.kind} ${object.metadata?.name}`);
        compared++;
        if (expected.length) invalid++;
      }
    }
    console.log(`      ${compared} objects of ${kinds.size} kinds, ${invalid} of them invalid: the same errors`);
    assert.ok(invalid > compared / 2, "most broken copies are invalid");
  });

  it("the same models, in any order and repeated, give the same script (its code cache is kept by the set's key)", () => {
    const entries: ModelEntry[] = ["apps/v1/Deployment", "v1/Service", "v1/ConfigMap", "batch/v1/CronJob"].map((k) => {
      const [apiVersion, kind] = [k.slice(0, k.lastIndexOf("/")), k.slice(k.lastIndexOf("/") + 1)];
      return { pkg: "kubernetes-models", file: `${k}.js`, apiVersion, kind };
    });
    const one = buildModelBundle(bundleOrder(entries), DIRS).source;
    assert.equal(buildModelBundle(bundleOrder([...entries].reverse().concat(entries[1])), DIRS).source, one);
    assert.notEqual(buildModelBundle([...entries].reverse(), DIRS).source, one, "the order is what makes them equal");
  });

  it("holds ObjectMeta's model, the one custom resources' metadata is validated against", () => {
    const entry: ModelEntry = { pkg: "@kubernetes-models/apimachinery", file: "apis/meta/v1/ObjectMeta.js" };
    const fn = load(buildModelBundle([entry], DIRS).source)(entryName(entry))!;
    assert.equal(fn({ name: "a", labels: { x: "y" } }), true);
    assert.equal(fn({ name: 5 }), false);
  });

  describe("leaves to the ES module loader what it does not expect", () => {
    const SCHEMA = (name: string, body: string) => `export const validate=${name};function ${name}(data){${body}}`;
    const fake = () => {
      const root = tempDir("strata-fake-models-");
      const dirs = { "kubernetes-models": path.join(root, "kubernetes-models"), "@kubernetes-models/apimachinery": path.join(root, "apimachinery") };
      for (const dir of Object.values(dirs)) fs.mkdirSync(path.join(dir, "_schemas"), { recursive: true });
      fs.mkdirSync(path.join(dirs["kubernetes-models"], "v1"));
      const model = (kind: string, schema: string, apiVersion = "v1") =>
        fs.writeFileSync(
          path.join(dirs["kubernetes-models"], "v1", `${kind}.js`),
          `import{Model,setValidateFunc}from"@kubernetes-models/base";import{validate}from"../_schemas/${schema}.js";export class ${kind} extends Model{static{this.apiVersion=${JSON.stringify(apiVersion)}}static{this.kind=${JSON.stringify(kind)}}}setValidateFunc(${kind},validate);`,
        );
      const schema = (name: string, text: string) => fs.writeFileSync(path.join(dirs["kubernetes-models"], "_schemas", `${name}.js`), text);
      return { dirs, model, schema };
    };
    const entry = (kind: string): ModelEntry => ({ pkg: "kubernetes-models", file: `v1/${kind}.js`, apiVersion: "v1", kind });

    it("bundles a fitting model and its imports; leaves out default exports, namespace imports, import.meta, a wrong class and a schema outside the package", () => {
      const { dirs, model, schema } = fake();
      schema("Leaf", SCHEMA("validate0", 'return typeof data==="string"'));
      schema("Good", `import{validate as validate1}from"./Leaf.js";${SCHEMA("validate0", "return validate1(data.name)")}`);
      model("Good", "Good");
      schema("DefaultExport", "export default function(){return true}");
      model("DefaultExport", "DefaultExport");
      schema("Namespace", `import*as leaf from"./Leaf.js";${SCHEMA("validate0", "return leaf.validate(data)")}`);
      model("Namespace", "Namespace");
      schema("Meta", `const here=import.meta.url;${SCHEMA("validate0", "return true")}`);
      model("Meta", "Meta");
      schema("ImportsBroken", `import{validate as validate1}from"./DefaultExport.js";${SCHEMA("validate0", "return validate1(data)")}`);
      model("ImportsBroken", "ImportsBroken");
      schema("Outside", `import{validate as validate1}from"../../elsewhere/Leaf.js";${SCHEMA("validate0", "return true")}`);
      model("Outside", "Outside");
      model("WrongClass", "Good", "apps/v1");
      schema("NotLexed", `import{validate as validate1}from"./Leaf.js";${SCHEMA("validate0", "return `unterminated")}`);
      model("NotLexed", "NotLexed");
      schema("OwnExports", `${SCHEMA("validate0", "return true")};var exports={};`);
      model("OwnExports", "OwnExports");
      const kinds = ["Good", "DefaultExport", "Namespace", "Meta", "ImportsBroken", "Outside", "WrongClass", "NotLexed", "OwnExports", "Missing"];
      const { source, held } = buildModelBundle(kinds.map(entry), dirs);
      assert.deepEqual(held, ["kubernetes-models/v1/Good.js"]);
      const good = load(source)("kubernetes-models/v1/Good.js")!;
      assert.equal(good({ name: "a" }), true);
      assert.equal(good({ name: 1 }), false);
      assert.equal(load(source)("kubernetes-models/v1/Meta.js"), undefined);
    });

    it("binds a module's imports before its own code runs, as an ES module's are", () => {
      const { dirs, model, schema } = fake();
      schema("Leaf", SCHEMA("validate0", 'return typeof data==="string"'));
      // The module's top level reads the import before the import statement: an ES module allows it.
      schema("Early", `const early=validate1;${SCHEMA("validate0", "return early(data.name)")};import{validate as validate1}from"./Leaf.js"\n(0)`);
      model("Early", "Early");
      const early = load(buildModelBundle([entry("Early")], dirs).source)("kubernetes-models/v1/Early.js")!;
      assert.equal(early({ name: "a" }), true);
      assert.equal(early({ name: 1 }), false);
    });

    it("resolves a cycle between schema modules as ES modules do", () => {
      const { dirs, model, schema } = fake();
      // A node whose children are nodes, through a second module: each imports the other.
      schema("Node", `import{validate as validate1}from"./Children.js";${SCHEMA("validate0", 'return typeof data==="object"&&(data.children===undefined||validate1(data.children))')}`);
      schema("Children", `import{validate as validate1}from"./Node.js";${SCHEMA("validate0", "return Array.isArray(data)&&data.every((c)=>validate1(c))")}`);
      model("Node", "Node");
      const node = load(buildModelBundle([entry("Node")], dirs).source)("kubernetes-models/v1/Node.js")!;
      assert.equal(node({ children: [{ children: [] }, {}] }), true);
      assert.equal(node({ children: [{ children: "no" }] }), false);
    });
  });
});
