import * as fs from "node:fs";
import * as path from "node:path";
import { INSIDE_LOCK_FILE } from "./render-lock";
import { KUSTOMIZATION_FILE } from "./tree-layout";

/**
 * The render's record of what it wrote: `.strata-render.json` at the top of the tree lists every file of the
 * render. The next render replaces those files and no other: anything else in the directory (a `.git`, a
 * README, a user's `overlays/`) is the user's and survives it. Written last, so a tree holding it is whole.
 */
export const MANIFEST_FILE = ".strata-render.json";

/** Every file the render writes begins with this (render/yaml.ts's header). */
const HEADER_START = "# Rendered by `strata render";

/** Never the render's, whatever a manifest says. */
const NEVER_OWNED = new Set([".git", MANIFEST_FILE, INSIDE_LOCK_FILE]);

export interface RenderManifest {
  renderedBy: "strata render";
  stack: string;
  /** Paths relative to the tree, `/`-separated, sorted. */
  files: string[];
}

export function manifestText(stack: string, files: Iterable<string>): string {
  const manifest: RenderManifest = { renderedBy: "strata render", stack, files: [...files].sort() };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Whether a path from a manifest stays inside the tree and names no one else's file (`..`, absolute, `.git`). */
function isTreePath(file: unknown): file is string {
  if (typeof file !== "string" || file === "" || path.isAbsolute(file) || file.includes("\\")) return false;
  const parts = file.split("/");
  return !parts.some((p) => p === "" || p === "." || p === "..") && !NEVER_OWNED.has(parts[0]);
}

/** Files under `dir` (relative), directories walked without following links, `.git` left out. */
function filesUnder(dir: string, rel = ""): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const file = rel ? `${rel}/${entry.name}` : entry.name;
    if (NEVER_OWNED.has(file)) return [];
    if (entry.isDirectory()) return filesUnder(dir, file);
    return entry.isFile() ? [file] : [];
  });
}

function startsWithHeader(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(HEADER_START.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString("utf8") === HEADER_START;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether `dir` holds a previous render: its manifest, or (rendered before manifests existed) a top
 * kustomization.yaml that begins with the render header. A header deeper down is not enough: ownedFiles
 * would own nothing there, and everything else in the directory would go through the swap.
 */
export function isPreviousRender(dir: string): boolean {
  const isFile = (file: string) => fs.lstatSync(path.join(dir, file), { throwIfNoEntry: false })?.isFile() === true;
  return isFile(MANIFEST_FILE) || (isFile(KUSTOMIZATION_FILE) && startsWithHeader(path.join(dir, KUSTOMIZATION_FILE)));
}

/**
 * The files of `dir` a previous render wrote: those its manifest lists (and that exist as files). A tree
 * rendered before manifests existed (a top kustomization.yaml with the render header, no manifest): its
 * YAML files that begin with the render header themselves — a README or an overlay never does. Anything
 * else: none.
 */
export function ownedFiles(dir: string): Set<string> {
  const manifest = path.join(dir, MANIFEST_FILE);
  const isFile = (file: string) => fs.lstatSync(path.join(dir, file), { throwIfNoEntry: false })?.isFile() === true;
  if (fs.existsSync(manifest)) {
    let files: unknown;
    try {
      files = (JSON.parse(fs.readFileSync(manifest, "utf8")) as Partial<RenderManifest>).files;
    } catch {
      files = [];
    }
    return new Set((Array.isArray(files) ? files : []).filter(isTreePath).filter(isFile));
  }
  const top = path.join(dir, KUSTOMIZATION_FILE);
  if (!isFile(KUSTOMIZATION_FILE) || !startsWithHeader(top)) return new Set();
  return new Set(filesUnder(dir).filter((f) => f.endsWith(".yaml") && startsWithHeader(path.join(dir, f))));
}
