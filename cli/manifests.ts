import * as fs from "node:fs";
import * as path from "node:path";
import { isObject } from "../policies/engine/fields";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { MANIFEST_FILE as RENDER_MANIFEST_FILE } from "../render/render-manifest";
import { KUSTOMIZATION_FILE, PLACEHOLDERS_FILE } from "../render/tree-layout";
import { parseBlockYaml } from "./block-yaml";

/** Kubernetes objects from YAML manifests: a file, a directory tree of them, or standard input ("-"). */

export class ManifestError extends Error {}

/** Manifest files: YAML or JSON, in any case (`.yaml`, `.YML`, `.Json`). */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Files of a directory tree that describe how to build it, not objects for the cluster: kustomize's own
 * (a rendered tree, or any kustomize base) and the placeholder list and file manifest `strata render` writes beside them.
 */
const BUILD_FILES = new Set([KUSTOMIZATION_FILE, "kustomization.yml", "Kustomization", PLACEHOLDERS_FILE, RENDER_MANIFEST_FILE]);

/**
 * The manifest files of a directory tree, sorted. Symbolic links are followed, to files and to directories
 * alike; a directory reached twice (a link back up the tree, two links to one place) is read once.
 */
function manifestFiles(dir: string, seen = new Set<string>([fs.realpathSync(dir)])): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      const stat = entry.isSymbolicLink() ? statOrUndefined(full) : entry;
      if (stat?.isDirectory()) {
        const real = fs.realpathSync(full);
        if (seen.has(real)) return [];
        seen.add(real);
        return manifestFiles(full, seen);
      }
      return stat?.isFile() && MANIFEST_FILE.test(entry.name) && !BUILD_FILES.has(entry.name) ? [full] : [];
    });
}

/** A link's target, or undefined for a dangling link. */
function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The documents of a YAML (or JSON) text. Some upstream files (Flagger's CRDs) continue a quoted scalar on a
 * line no deeper than its key, which the YAML 1.2 parser rejects and Kubernetes' own parser accepts: such a
 * text is read by js-yaml instead, and only when neither can read it is it an error.
 */
function documentsOf(text: string, source: string): unknown[] {
  // Loaded here: the block reader (parseBlockYaml) reads every file the renderers write without them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require("yaml") as typeof import("yaml");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadAll } = require("js-yaml") as typeof import("js-yaml");
  const docs = parseAllDocuments(text);
  const failed = docs.findIndex((doc) => doc.errors.length > 0);
  if (failed < 0) return docs.map((doc) => doc.toJS());
  try {
    return loadAll(text);
  } catch {
    throw new ManifestError(`${source}: document ${failed + 1}: ${docs[failed].errors[0].message}`);
  }
}

/** The objects of documents, when every one is an object (a `List`'s items too) or empty; undefined otherwise. */
function objectsOf(documents: unknown[]): ManifestObject[] | undefined {
  const objects: ManifestObject[] = [];
  for (const value of documents) {
    if (value === null || value === undefined) continue;
    if (!isManifestObject(value)) return undefined;
    if (!value.kind.endsWith("List") || !Array.isArray(value.items)) objects.push(value);
    else if (value.items.every(isManifestObject)) objects.push(...(value.items as ManifestObject[]));
    else return undefined;
  }
  return objects;
}

/** The objects of one multi-document YAML text; `List` kinds are flattened, empty documents skipped. */
export function parseManifests(text: string, source: string): ManifestObject[] {
  // The fast reader for the block YAML manifests are written in; `yaml` for anything else, and for the errors.
  const fast = parseBlockYaml(text);
  const read = fast && objectsOf(fast);
  if (read) return read;
  const objects: ManifestObject[] = [];
  documentsOf(text, source).forEach((value, i) => {
    if (value === null || value === undefined) return;
    if (!isManifestObject(value)) throw new ManifestError(`${source}: document ${i + 1} is not a Kubernetes object (no apiVersion and kind)`);
    if (!value.kind.endsWith("List") || !Array.isArray(value.items)) return void objects.push(value);
    value.items.forEach((item: unknown, j: number) => {
      if (!isManifestObject(item)) throw new ManifestError(`${source}: document ${i + 1}, item ${j + 1} is not a Kubernetes object (no apiVersion and kind)`);
      objects.push(item);
    });
  });
  return objects;
}

function isManifestObject(value: unknown): value is ManifestObject {
  return isObject(value) && typeof value.kind === "string" && typeof value.apiVersion === "string";
}

/**
 * Standard input, whole. A Go program at the other end of a pipe (`kubectl kustomize … |`) makes it
 * non-blocking, so a read can fail with EAGAIN before (or between) the data arriving: wait briefly and read
 * on, keeping what was read (fs.readFileSync(0) would throw it away).
 */
export function readStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === "EOF") break;
      throw e;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The objects of a file, a directory tree or standard input ("-"). No object at all (empty input, a
 * directory without a manifest file) is an error: a check of nothing must not pass.
 */
export function readManifests(source: string, stdin: () => string = readStdin): ManifestObject[] {
  let objects: ManifestObject[];
  if (source === "-") objects = parseManifests(stdin(), "<stdin>");
  else {
    if (!fs.existsSync(source)) throw new ManifestError(`${source}: no such file or directory`);
    const directory = fs.statSync(source).isDirectory();
    const files = directory ? manifestFiles(source) : [source];
    if (directory && files.length === 0) throw new ManifestError(`${source}: no manifest files (.yaml, .yml or .json) in this directory: nothing to validate`);
    objects = files.flatMap((file) => parseManifests(fs.readFileSync(file, "utf8"), file));
  }
  if (objects.length === 0) throw new ManifestError(`${source === "-" ? "<stdin>" : source}: no Kubernetes objects: nothing to validate`);
  return objects;
}
