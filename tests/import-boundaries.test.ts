import { strict as assert } from "node:assert";
import * as ts from "typescript";
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

/**
 * The specifiers a module's source imports, as TypeScript's own pre-processor finds them: `import … from`,
 * `export … from`, side-effect and type-only imports, `import()` and `require()` with a literal.
 */
function specifiersIn(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The project files a module imports (relative specifiers only), as paths from the project root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
  return specifiersIn(text)
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

type ImportGraph = ReadonlyMap<string, readonly string[]>;

function floorViolations(graph: ImportGraph): string[] {
  return [...graph].flatMap(([file, targets]) => targets.filter((target) => floorOf(target) > floorOf(file)).map((target) => `${file} (floor ${floorOf(file)}) imports ${target} (floor ${floorOf(target)})`));
}

function capabilityViolations(graph: ImportGraph, needs: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...graph].flatMap(([file, targets]) => {
    const own = capabilityOf(file);
    if (!own) return [];
    return targets.flatMap((target) => {
      const other = capabilityOf(target);
      if (!other || other === own) return [];
      if (target !== `capabilities/${other}/index.ts`) return [`${file} imports ${target}, an internal of ${other}: import capabilities/${other} (its index.ts)`];
      if (!needs.get(own)?.has(other)) return [`${file} imports ${other}, which capability ${own} does not declare in its needs`];
      return [];
    });
  });
}

function internalViolations(graph: ImportGraph): string[] {
  return [...graph]
    .filter(([file]) => !capabilityOf(file))
    .flatMap(([file, targets]) => targets.filter((target) => capabilityOf(target) && target !== `capabilities/${capabilityOf(target)}/index.ts`).map((target) => `${file} imports ${target}: import capabilities/${capabilityOf(target)} (its index.ts)`));
}

describe("import boundaries: floors, and one public entry per capability", () => {
  const graph: ImportGraph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));
  const needs = new Map<string, ReadonlySet<string>>(CAPABILITIES.map((c) => [c.name, new Set<string>(c.needs)]));

  it("every capability folder is a registered capability of the same name, with an index.ts", () => {
    const folders = fs.readdirSync(path.join(PROJECT_DIR, "capabilities"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual(folders.sort(), CAPABILITIES.map((c): string => c.name).sort());
    for (const folder of folders) assert.ok(fs.existsSync(path.join(PROJECT_DIR, "capabilities", folder, "index.ts")), `capabilities/${folder} has no index.ts`);
  });

  it("no module imports from a higher floor", () => {
    assert.deepEqual(floorViolations(graph), []);
  });

  it("a capability imports another only through its index.ts, and only one it needs", () => {
    assert.deepEqual(capabilityViolations(graph, needs), []);
  });

  it("nothing outside capabilities/ imports a capability's internals", () => {
    assert.deepEqual(internalViolations(graph), []);
  });

  it("every form of import is seen: from, export-from, side effect, type-only, dynamic, require, several on a line", () => {
    const source = [
      'import { a } from "./a"; import "./side-effect"',
      'export * from "./re-export";',
      'import type { T } from "./types";',
      "const lazy = () => import(\"./lazy\");",
      'const r = require("./required"); export { b } from "./b"',
    ].join("\n");
    assert.deepEqual(specifiersIn(source).sort(), ["./a", "./b", "./lazy", "./re-export", "./required", "./side-effect", "./types"]);
  });

  it("planted violations are caught: a floor upward, a capability's internal, an undeclared need, an internal from outside", () => {
    const planted: ImportGraph = new Map([
      ["config/compose.ts", ["capabilities/mesh/index.ts"]],
      ["capabilities/kafka/cluster.ts", ["capabilities/mesh/charts.ts", "capabilities/backup/index.ts", "capabilities/mesh/index.ts"]],
      ["render/render-tree.ts", ["capabilities/gitops/schema.ts", "capabilities/gitops/index.ts"]],
    ]);
    const kafkaNeeds = new Map<string, ReadonlySet<string>>([["kafka", new Set(["cluster", "mesh"])]]);
    assert.deepEqual(floorViolations(planted), ["config/compose.ts (floor 1) imports capabilities/mesh/index.ts (floor 4)"]);
    assert.deepEqual(capabilityViolations(planted, kafkaNeeds), [
      "capabilities/kafka/cluster.ts imports capabilities/mesh/charts.ts, an internal of mesh: import capabilities/mesh (its index.ts)",
      "capabilities/kafka/cluster.ts imports backup, which capability kafka does not declare in its needs",
    ]);
    assert.deepEqual(internalViolations(planted), ["render/render-tree.ts imports capabilities/gitops/schema.ts: import capabilities/gitops (its index.ts)"]);
  });
});
