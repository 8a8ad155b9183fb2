import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { MANIFEST_FILE, RenderError, writeTree } from "../render";
import { renderedTree, tempDir } from "./render-support";

/**
 * writeTree writes the new tree beside the old one and swaps it in: the old tree is untouched until the new
 * one is whole, nothing is left beside the output, the directory keeps its mode, and a symlink or what is
 * not a directory is refused with one line (tests/render-safety.test.ts: what the user keeps there).
 */

/** Every file under `dir`, relative, with its content. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]),
  );
}

describe("render: writing the tree beside the old one and swapping", () => {
  it("replaces a previous render whole: its stale files gone, its mode kept, nothing left beside it", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    const stale = renderedTree("dev");
    stale.files.set("l0-ingestion/stale.yaml", "x: 1\n");
    writeTree(stale, out);
    fs.chmodSync(out, 0o750);
    const prod = renderedTree("prod");
    writeTree(prod, out);
    const { [MANIFEST_FILE]: manifest, ...written } = contents(out);
    assert.ok(manifest);
    assert.deepEqual(written, Object.fromEntries([...prod.files].sort(([a], [b]) => (a < b ? -1 : 1))));
    assert.equal(fs.statSync(out).mode & 0o777, 0o750);
    assert.deepEqual(fs.readdirSync(parent), ["rendered"]);
  });

  it("a render that fails while writing leaves the old tree as it was, and nothing beside it", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    const before = contents(out);
    const broken = renderedTree("prod");
    // A file name the file system refuses: the write fails half-way.
    broken.files.set(`mesh/${"x".repeat(300)}.yaml`, "x: 1\n");
    assert.throws(() => writeTree(broken, out), /ENAMETOOLONG/);
    assert.deepEqual(contents(out), before);
    assert.deepEqual(fs.readdirSync(parent), ["rendered"]);
  });

  it("a symlinked output is refused with one line: the render swaps a directory, never what a link points to", () => {
    const parent = tempDir();
    const real = path.join(parent, "real");
    const link = path.join(parent, "link");
    writeTree(renderedTree("dev"), real);
    const before = contents(real);
    fs.symlinkSync(real, link);
    assert.throws(() => writeTree(renderedTree("prod"), link), (e: unknown) => e instanceof RenderError && e.message === `--out ${link} is a symlink to ${real}: give the directory itself`);
    assert.deepEqual(contents(real), before);
    assert.deepEqual(fs.readdirSync(parent).sort(), ["link", "real"]);
  });

  it("an output that is a file is refused with one line and left alone", () => {
    const parent = tempDir();
    const file = path.join(parent, "file");
    fs.writeFileSync(file, "mine");
    assert.throws(() => writeTree(renderedTree("dev"), file), (e: unknown) => e instanceof RenderError && e.message === `--out ${file} is a file, not a directory`);
    assert.equal(fs.readFileSync(file, "utf8"), "mine");
    assert.deepEqual(fs.readdirSync(parent).sort(), ["file"]);
  });
});
