import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { isObject } from "../policies/engine/fields";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { KUSTOMIZATION_FILE, PLACEHOLDERS_FILE } from "../render/render-tree";
import { parseBlockYaml } from "./block-yaml";

/** Kubernetes objects from YAML manifests: a file, a directory tree of them, or standard input ("-"). */

export class ManifestError extends Error {}

const MANIFEST_EXTENSIONS = [".yaml", ".yml"];

/**
 * Files of a directory tree that describe how to build it, not objects for the cluster: kustomize's own
 * (a rendered tree, or any kustomize base) and the placeholder list `strata render` writes beside them.
 */
const BUILD_FILES = new Set([KUSTOMIZATION_FILE, "kustomization.yml", "Kustomization", PLACEHOLDERS_FILE]);

function manifestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return manifestFiles(full);
      return MANIFEST_EXTENSIONS.includes(path.extname(entry.name)) && !BUILD_FILES.has(entry.name) ? [full] : [];
    });
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
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length) throw new ManifestError(`${source}: document ${i + 1}: ${doc.errors[0].message}`);
    const value = doc.toJS();
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

export function readManifests(source: string, stdin: () => string = readStdin): ManifestObject[] {
  if (source === "-") return parseManifests(stdin(), "<stdin>");
  if (!fs.existsSync(source)) throw new ManifestError(`${source}: no such file or directory`);
  const files = fs.statSync(source).isDirectory() ? manifestFiles(source) : [source];
  return files.flatMap((file) => parseManifests(fs.readFileSync(file, "utf8"), file));
}
