import * as fs from "node:fs";
import * as path from "node:path";

/** The version in the package.json of package `name` at `dir` or the nearest directory above it, or undefined. */
export function versionAbove(dir: string, name: string): string | undefined {
  for (; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A package's version from its package.json, found above its entry point (not every package exports the file). */
export function packageVersion(name: string): string {
  const version = versionAbove(path.dirname(require.resolve(name)), name);
  if (version === undefined) throw new Error(`no package.json of ${name} above ${require.resolve(name)}`);
  return version;
}
