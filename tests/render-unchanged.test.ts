import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { MANIFEST_FILE, writeTree } from "../render";
import { renderedTree, tempDir } from "./render-support";

/**
 * A render into a tree that already holds exactly that render writes nothing (render/write-tree.ts): every
 * file keeps its inode and time, and the directory is not swapped. Anything else is written as before:
 * one file edited by hand, one missing, a manifest that differs, another stack's render.
 */

/** Inode and modification time of every entry under `dir`, and of `dir` itself. */
function identities(dir: string): Record<string, string> {
  const entries = ["", ...fs.readdirSync(dir, { recursive: true, encoding: "utf8" })];
  return Object.fromEntries(entries.map((f) => [f, (({ ino, mtimeMs }) => `${ino}:${mtimeMs}`)(fs.statSync(path.join(dir, f)))]));
}

const wait = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("render into a tree holding the same render", function () {
  this.timeout(120_000);
  const dev = renderedTree("dev");
  const file = [...dev.files.keys()].find((f) => f.endsWith("namespace.yaml")) ?? [...dev.files.keys()][1];

  it("writes nothing: every file and the directory keep their inode and time", async () => {
    const out = path.join(tempDir(), "rendered");
    writeTree(dev, out);
    const before = identities(out);
    await wait();
    writeTree(renderedTree("dev"), out);
    assert.deepEqual(identities(out), before);
  });

  for (const [what, change] of [
    ["a rendered file edited by hand", (out: string) => fs.appendFileSync(path.join(out, file), "# edited\n")],
    ["a rendered file removed", (out: string) => fs.rmSync(path.join(out, file))],
    ["the manifest changed", (out: string) => fs.writeFileSync(path.join(out, MANIFEST_FILE), fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8").replace('"dev"', '"other"'))],
  ] as const) {
    it(`writes the tree again when ${what}`, async () => {
      const out = path.join(tempDir(), "rendered");
      writeTree(dev, out);
      change(out);
      const before = identities(out);
      await wait();
      writeTree(dev, out);
      assert.notEqual(identities(out)[""], before[""], "the directory was swapped");
      assert.equal(fs.readFileSync(path.join(out, file), "utf8"), dev.files.get(file));
    });
  }

  it("writes another stack's render over it", () => {
    const out = path.join(tempDir(), "rendered");
    writeTree(dev, out);
    const prod = renderedTree("prod");
    writeTree(prod, out);
    const listed = (JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8")) as { stack: string; files: string[] });
    assert.equal(listed.stack, "prod");
    assert.deepEqual(listed.files, [...prod.files.keys()].sort());
  });
});
