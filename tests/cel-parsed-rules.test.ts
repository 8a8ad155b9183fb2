import { strict as assert } from "node:assert";
import { parse } from "@bufbuild/cel";
import { compileRule, parsedRules, rememberParsedRules } from "../validation/cel/environment";
import { CrdCatalog, type JsonSchema } from "../validation/crd-catalog";
import { celRules } from "../validation/crd-compile";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * The CEL rules' syntax trees kept beside the cached validators (validation/cel/environment.ts): every rule
 * of every upstream CRD is kept (none is left to be parsed again), and each is read back exactly as the
 * parser gave it; a rule planned from a kept tree judges as one parsed anew.
 */
describe("CEL rules parsed once, kept with the validators", function () {
  this.timeout(120_000);

  it("every rule of ../shared/crds is kept, and reads back equal to its parse", function () {
    requireSharedCrds(this);
    const rules = new Set<string>();
    for (const { crd } of new CrdCatalog([SHARED_CRDS]).all()) {
      for (const version of crd.spec.versions) celRules(version.schema?.openAPIV3Schema as JsonSchema | undefined, rules);
    }
    const kept = parsedRules(rules);
    console.log(`      ${rules.size} distinct rules, ${Object.keys(kept).length} kept`);
    assert.ok(rules.size > 200, `only ${rules.size} rules`);
    assert.deepEqual(Object.keys(kept).sort(), [...rules].filter((r) => { try { parse(r); return true; } catch { return false; } }).sort());
  });

  it("a tree with 64-bit integers, bytes, doubles and strings reads back and evaluates as the rule does", () => {
    const rule = "self.size() > 9223372036854775806 - 9223372036854775800 && b'\\x00\\xff' != b'' && 1.5 < 2.0 && self.startsWith('x')";
    const kept = parsedRules([rule]);
    assert.ok(kept[rule], "kept");
    assert.match(kept[rule], /"bigint"/);
    assert.match(kept[rule], /"bytes"/);
    const fresh = compileRule(rule);
    rememberParsedRules({ [`${rule} `]: kept[rule] }); // the same tree under another text: planned from it alone
    const fromTree = compileRule(`${rule} `);
    for (const self of ["xyzxyzxyz", "xy", "abcdefgh"]) assert.equal(fromTree({ self }), fresh({ self }), self);
  });
});
