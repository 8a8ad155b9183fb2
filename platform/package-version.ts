import * as fs from "node:fs";
import * as path from "node:path";

/** A package's version from its package.json, found above its entry point (not every package exports the file). */
export function packageVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
  }
  throw new Error(`no package.json of ${name} above ${require.resolve(name)}`);
}
