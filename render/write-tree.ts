import * as fs from "node:fs";
import * as path from "node:path";
import { KUSTOMIZATION_FILE, RenderError, type RenderedTree } from "./render-tree";

/** Whether `dir` holds a previous render (its top kustomization.yaml carries the render header). */
function isPreviousRender(dir: string): boolean {
  const top = path.join(dir, KUSTOMIZATION_FILE);
  return fs.existsSync(top) && fs.readFileSync(top, "utf8").startsWith("# Rendered by `strata render");
}

/**
 * Writes a rendered tree to `dir`, replacing a previous render there entirely (so that an object removed
 * from the desired state disappears from the tree). Refuses any other non-empty directory.
 */
export function writeTree(tree: RenderedTree, dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    if (!isPreviousRender(dir)) throw new RenderError(`${dir} is not empty and holds no previous render: refusing to overwrite it`);
    for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  for (const [file, text] of tree.files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
