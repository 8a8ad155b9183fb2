import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A project whose stack file is about `bytes` long: the dev stack's config, then a map of many small keys
 * under another namespace (`bench:`, which Strata reads past as `pulumi` hands every namespace over) — the
 * shape that made parsing quadratic (a check of every key against every earlier one). `valid: false` adds a
 * typo'd key, so that check stops at its config verdict (exit 2): the reader and the validation alone.
 */
export function writeLargeStackProject(projectDir: string, into: string, stack: string, bytes: number, valid: boolean): void {
  fs.mkdirSync(into, { recursive: true });
  fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(into, "Pulumi.yaml"));
  const head = fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8").trimEnd();
  const lines = [head, ...(valid ? [] : ["  strata:layer: []"]), "  bench:padding:"];
  let size = lines.join("\n").length;
  for (let i = 0; size < bytes; i++) {
    const line = `    key-${String(i).padStart(7, "0")}: { name: entry-${i}, count: ${i % 97}, on: ${i % 2 === 0} }`;
    lines.push(line);
    size += line.length + 1;
  }
  fs.writeFileSync(path.join(into, `Pulumi.${stack}.yaml`), `${lines.join("\n")}\n`);
}
