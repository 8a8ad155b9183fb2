import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { stackConfigSchema } from "../stack";
import { validateStackConfig } from "../stack";
import { PROJECT_DIR, STACKS } from "./harness";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");

describe("project files", () => {
  const project = parse(read("Pulumi.yaml"));
  const schemaKeys = Object.keys(stackConfigSchema.shape);

  it("the layout the brief requires is present", () => {
    for (const entry of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "package.json", "package-lock.json", "index.ts", "tsconfig.json", "components", "policies", "tests", ".ci/run"]) {
      assert.ok(fs.existsSync(path.join(PROJECT_DIR, entry)), `${entry} is missing`);
    }
  });

  it("Pulumi.yaml declares every scalar config key with a type and description; structured keys are named", () => {
    assert.equal(project.name, "strata");
    assert.equal(project.runtime.name, "nodejs");
    for (const key of schemaKeys) {
      const declared = project.config?.[key];
      if (declared) {
        assert.ok(["string", "integer", "boolean", "array"].includes(declared.type), `${key}: type`);
        assert.ok(declared.description, `${key}: description`);
      } else {
        // Pulumi cannot type objects in Pulumi.yaml: such keys must be listed in its comment instead.
        assert.match(read("Pulumi.yaml"), new RegExp(`^\\s*#\\s+${key} — `, "m"), `${key} is neither declared nor listed`);
      }
    }
    for (const key of Object.keys(project.config ?? {})) assert.ok(schemaKeys.includes(key), `Pulumi.yaml declares unknown key ${key}`);
  });

  for (const stack of STACKS) {
    it(`Pulumi.${stack}.yaml is valid and holds only what differs from the defaults`, () => {
      const config = parse(read(`Pulumi.${stack}.yaml`)).config as Record<string, unknown>;
      // Beside Strata's own keys, only the AWS provider's region (the explicit provider and the zone checks read it).
      const others = Object.keys(config).filter((k) => !k.startsWith("strata:"));
      assert.deepEqual(others, ["aws:region"], `${stack}: keys outside strata:`);
      const raw = Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("strata:")).map(([k, v]) => [k.replace(/^strata:/, ""), v]));
      assert.ok(validateStackConfig(raw, { awsRegion: config["aws:region"] as string }).ok);
      // profile has no default; every other key must change the resolved spec when removed.
      for (const key of Object.keys(raw).filter((k) => k !== "profile")) {
        const without = { ...raw };
        delete without[key];
        const a = validateStackConfig(raw);
        const b = validateStackConfig(without);
        assert.ok(a.ok && b.ok);
        assert.notDeepEqual(a.spec, b.spec, `${stack}: ${key} only repeats the default`);
      }
    });
  }

  it("package.json pins the toolchain the brief asks for", () => {
    const pkg = JSON.parse(read("package.json"));
    assert.match(pkg.engines.node, /^>=22/);
    assert.match(pkg.dependencies["@pulumi/kubernetes"], /^\^4\./);
    assert.match(pkg.dependencies["@pulumi/aws"], /^\^7\./);
    assert.match(pkg.dependencies["@pulumi/random"], /^\^4\./);
    assert.match(pkg.dependencies["@pulumi/policy"], /^\^1\./);
    assert.match(pkg.devDependencies.typescript, /^~?\^?5\./);
    assert.equal(pkg.bin.strata, "bin/strata");
    assert.equal(JSON.parse(read("tsconfig.json")).compilerOptions.strict, true);
  });
});
