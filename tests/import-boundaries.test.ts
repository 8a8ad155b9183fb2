import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CAPABILITIES } from "../capabilities/registry";
import { PROJECT_DIR } from "./harness";

/**
 * The project's floors, lowest first: a module imports only from its own floor or lower ones. A capability
 * folder imports only the shared floors and the public entry (index.ts) of the capabilities it declares it
 * needs; nothing outside capabilities/ reaches into a capability's internals (tests aside: they test the
 * internals). Imports are read from the sources as written (relative specifiers).
 */
const FLOORS: { floor: number; name: string; owns: (file: string) => boolean }[] = [
  { floor: 0, name: "platform (facts and pure helpers)", owns: (f) => f.startsWith("platform/") },
  { floor: 1, name: "config (primitives, profiles, the core layers, the composition)", owns: (f) => f.startsWith("config/") },
  { floor: 2, name: "manifests (shared desired-state builders), validation, policies", owns: (f) => /^(manifests|validation|policies)\//.test(f) },
  { floor: 3, name: "components (shared Pulumi building blocks)", owns: (f) => f.startsWith("components/") && f !== "components/index.ts" },
  { floor: 4, name: "capabilities (the interface and one folder each)", owns: (f) => f.startsWith("capabilities/") && f !== "capabilities/registry.ts" },
  { floor: 5, name: "the registry", owns: (f) => f === "capabilities/registry.ts" },
  { floor: 6, name: "stack (the composition: Platform, program, outputs, desired state)", owns: (f) => f.startsWith("stack/") || f === "components/index.ts" },
  { floor: 7, name: "render, offline, cli, bench, the entry point", owns: (f) => /^(render|offline|cli|bench)\//.test(f) || f === "index.ts" },
];

function floorOf(file: string): number {
  const owner = FLOORS.find((f) => f.owns(file));
  if (!owner) throw new Error(`${file} is on no floor: give its folder one in tests/import-boundaries.test.ts`);
  return owner.floor;
}

function sourceFiles(dir = ""): string[] {
  const skip = new Set(["node_modules", "dist", ".tools", ".git", "tests", "rendered"]);
  return fs.readdirSync(path.join(PROJECT_DIR, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : sourceFiles(rel);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The project files a module imports (relative specifiers only), as paths from the project root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => {
      const base = path.normalize(path.join(path.dirname(file), s));
      for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) if (fs.existsSync(path.join(PROJECT_DIR, candidate)) && fs.statSync(path.join(PROJECT_DIR, candidate)).isFile()) return candidate;
      throw new Error(`${file} imports ${s}, which is no file`);
    });
}

/** The capability folder a file belongs to, or undefined. */
function capabilityOf(file: string): string | undefined {
  const m = /^capabilities\/([^/]+)\//.exec(file);
  return m?.[1];
}

describe("import boundaries: floors, and one public entry per capability", () => {
  const files = sourceFiles();
  const needs = new Map<string, ReadonlySet<string>>(CAPABILITIES.map((c) => [c.name, new Set<string>(c.needs)]));

  it("every capability folder is a registered capability of the same name, with an index.ts", () => {
    const folders = fs.readdirSync(path.join(PROJECT_DIR, "capabilities"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(folders.sort(), CAPABILITIES.map((c): string => c.name).sort());
    for (const folder of folders) assert.ok(fs.existsSync(path.join(PROJECT_DIR, "capabilities", folder, "index.ts")), `capabilities/${folder} has no index.ts`);
  });

  it("no module imports from a higher floor", () => {
    const violations = files.flatMap((file) => importsOf(file).filter((target) => floorOf(target) > floorOf(file)).map((target) => `${file} (floor ${floorOf(file)}) imports ${target} (floor ${floorOf(target)})`));
    assert.deepEqual(violations, []);
  });

  it("a capability imports another only through its index.ts, and only one it needs", () => {
    const violations = files.flatMap((file) => {
      const own = capabilityOf(file);
      if (!own) return [];
      return importsOf(file).flatMap((target) => {
        const other = capabilityOf(target);
        if (!other || other === own) return [];
        if (target !== `capabilities/${other}/index.ts`) return [`${file} imports ${target}, an internal of ${other}: import capabilities/${other} (its index.ts)`];
        if (!needs.get(own)?.has(other)) return [`${file} imports ${other}, which capability ${own} does not declare in its needs`];
        return [];
      });
    });
    assert.deepEqual(violations, []);
  });

  it("nothing outside capabilities/ imports a capability's internals", () => {
    const violations = files
      .filter((file) => !capabilityOf(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => capabilityOf(target) && !target.endsWith(`capabilities/${capabilityOf(target)}/index.ts`))
          .map((target) => `${file} imports ${target}: import capabilities/${capabilityOf(target)} (its index.ts)`),
      );
    assert.deepEqual(violations, []);
  });

  it("the check sees what it should: imports are found, and a planted violation would be caught", () => {
    assert.ok(importsOf("stack/platform.ts").includes("capabilities/registry.ts"));
    assert.ok(importsOf("capabilities/kafka/index.ts").includes("capabilities/mesh/index.ts"));
    assert.ok(floorOf("config/compose.ts") < floorOf("capabilities/mesh/index.ts"));
    assert.equal(capabilityOf("capabilities/mesh/charts.ts"), "mesh");
  });
});
