import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { isObject } from "../policies/engine/fields";
import type { ManifestObject } from "../layers/kubernetes-object";

/** Kubernetes objects from YAML manifests: a file, a directory tree of them, or standard input ("-"). */

export class ManifestError extends Error {}

const MANIFEST_EXTENSIONS = [".yaml", ".yml"];

function manifestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return manifestFiles(full);
      return MANIFEST_EXTENSIONS.includes(path.extname(entry.name)) ? [full] : [];
    });
}

/** The objects of one multi-document YAML text; `List` kinds are flattened, empty documents skipped. */
export function parseManifests(text: string, source: string): ManifestObject[] {
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
