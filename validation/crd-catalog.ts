import * as fs from "node:fs";
import * as path from "node:path";
import { CRD_RELEASES } from "../platform/versions";
import { cachePath, readCached, sha256, writeCached } from "./crd-cache";
import { runInParallel } from "./parallel";

/** The parts of a CustomResourceDefinition (apiextensions.k8s.io/v1) the validator reads. */
export interface CrdVersion {
  name: string;
  served: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JsonSchema };
}

export interface Crd {
  metadata: { name: string };
  spec: { group: string; names: { kind: string }; scope: "Namespaced" | "Cluster"; versions: CrdVersion[] };
}

/** An OpenAPI v3 structural schema node, with Kubernetes' extensions. */
export type JsonSchema = Record<string, unknown>;

export interface LoadedCrd {
  crd: Crd;
  /** The file it was read from. */
  file: string;
}

/** What the catalog knows of a CRD without reading its definition: enough to find it and to judge a version. */
export interface CrdEntry {
  name: string;
  group: string;
  kind: string;
  /** Its versions: name, served, and whether it has an openAPIV3Schema. */
  versions: { name: string; served: boolean; schema: boolean }[];
  /** The hash of the whole definition (its file in the cache). */
  hash: string;
  /** The hash of its spec: two files defining the same spec define the same CRD. */
  specHash: string;
  /** The file it was read from. */
  file: string;
}

export class CrdCatalogError extends Error {}

/** Every `.yaml`/`.yml`/`.json` file under `dir`, sorted, so that loading is deterministic. */
function crdFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CrdCatalogError(`CRD directory ${dir} does not exist`);
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function parseCrds(text: string): Crd[] {
  // Only a CRD file not yet indexed is parsed (crd-jobs.ts, in a worker): a warm cache does not load yaml.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require("yaml") as typeof import("yaml");
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Partial<Crd> & { kind?: string; apiVersion?: string })
    .filter((doc) => doc?.kind === "CustomResourceDefinition" && doc.apiVersion === "apiextensions.k8s.io/v1") as Crd[];
}

/** What indexing a CRD file gives: its CRDs' entries (less the file) and their definitions as JSON, by hash. */
export interface FileIndex {
  entries: Omit<CrdEntry, "file">[];
  definitions: Record<string, string>;
}

/** Parses a CRD file (the slow part: seconds for the platform's operators; run in parallel when cold). */
export function indexCrdFile(text: string): FileIndex {
  const definitions: Record<string, string> = {};
  const entries = parseCrds(text).map((crd) => {
    const json = JSON.stringify(crd);
    const hash = sha256(json);
    definitions[hash] = json;
    const versions = crd.spec.versions.map((v) => ({ name: v.name, served: v.served, schema: v.schema?.openAPIV3Schema !== undefined }));
    return { name: crd.metadata.name, group: crd.spec.group, kind: crd.spec.names.kind, versions, hash, specHash: sha256(JSON.stringify(crd.spec)) };
  });
  return { entries, definitions };
}

// Definitions read or parsed in this process, by hash (a test process builds many catalogs over one directory).
const definitions = new Map<string, Crd>();

/** Forgets the definitions this process read (tests: to start again from the disk cache or from nothing). */
export function forgetDefinitions(): void {
  definitions.clear();
}

/** The file's identity for the stat cache: a file whose path, size, times and inode are unchanged is unchanged. */
function statKey(file: string): string {
  const s = fs.statSync(file);
  return sha256(`${path.resolve(file)}\u0000${s.size}\u0000${s.mtimeMs}\u0000${s.ctimeMs}\u0000${s.ino}`);
}

/**
 * A CRD file's entries from the cache: by its stat record (no read at all), else by the hash of its content;
 * undefined when it has never been indexed.
 */
function cachedEntries(file: string, stat: string): Omit<CrdEntry, "file">[] | undefined {
  const byStat = readCached(cachePath("stat", `${stat}.json`));
  if (byStat !== undefined) return JSON.parse(byStat) as Omit<CrdEntry, "file">[];
  const byContent = readCached(cachePath("files", `${sha256(fs.readFileSync(file))}.json`));
  if (byContent === undefined) return undefined;
  writeCached(cachePath("stat", `${stat}.json`), byContent);
  return JSON.parse(byContent) as Omit<CrdEntry, "file">[];
}

function storeIndex(file: string, stat: string, index: FileIndex): void {
  for (const [hash, json] of Object.entries(index.definitions)) {
    if (!definitions.has(hash)) definitions.set(hash, JSON.parse(json) as Crd);
    writeCached(cachePath("defs", `${hash}.json`), json);
  }
  const entries = JSON.stringify(index.entries);
  writeCached(cachePath("files", `${sha256(fs.readFileSync(file))}.json`), entries);
  writeCached(cachePath("stat", `${stat}.json`), entries);
}

/**
 * The entries of every file, indexing (in parallel) the files never seen before. The same files unchanged
 * (the same stat records) are read from one record of the whole set: one read instead of one per file.
 */
function entriesOf(files: string[]): CrdEntry[][] {
  const stats = files.map(statKey);
  const set = cachePath("stat", `set-${sha256(stats.join("\u0000"))}.json`);
  const cachedSet = readCached(set);
  const found = cachedSet !== undefined ? (JSON.parse(cachedSet) as (Omit<CrdEntry, "file">[] | undefined)[]) : files.map((file, i) => cachedEntries(file, stats[i]));
  const missing = files.flatMap((file, i) => (found[i] ? [] : [i]));
  const indexed = runInParallel<FileIndex>(require.resolve("./crd-jobs"), missing.map((i) => ({ kind: "index", file: files[i] })));
  missing.forEach((i, j) => {
    const index = indexed[j];
    storeIndex(files[i], stats[i], index);
    found[i] = index.entries;
  });
  if (cachedSet === undefined) writeCached(set, JSON.stringify(found));
  return found.map((entries, i) => entries!.map((e) => ({ ...e, file: files[i] })));
}

/** When a CRD is defined more than once, the definition of the release Strata deploys (see CRD_RELEASES). */
function pick(name: string, group: string, candidates: CrdEntry[]): CrdEntry {
  const release = CRD_RELEASES[group];
  const chosen = release ? candidates.filter((c) => c.file.split(path.sep).includes(`v${release}`)) : [];
  if (chosen.length === 1) return chosen[0];
  throw new CrdCatalogError(
    `${name} is defined by ${candidates.length} files (${candidates.map((c) => c.file).join(", ")}) and none is the release Strata deploys` +
      (release ? ` (a directory named v${release})` : ` (CRD_RELEASES names no release for ${group})`),
  );
}

/**
 * The CRDs under some directories, by group and kind. A CRD defined identically twice is one CRD; defined
 * differently, the release Strata deploys is taken, and anything else is an error (a CR must not be
 * validated against a schema picked by file order).
 *
 * Upstream CRD files are large (19 MB of YAML under ../shared/crds, seconds to parse): each file is parsed
 * once and indexed in the cache (crd-cache.ts); a catalog then reads only the index, and a definition only
 * when it is asked for.
 */
export class CrdCatalog {
  private readonly byGroupKind = new Map<string, CrdEntry>();

  constructor(dirs: string[]) {
    const byName = new Map<string, CrdEntry[]>();
    const files = dirs.flatMap(crdFiles);
    for (const entries of entriesOf(files)) {
      for (const entry of entries) {
        const list = byName.get(entry.name) ?? [];
        if (!list.some((l) => l.specHash === entry.specHash)) list.push(entry);
        byName.set(entry.name, list);
      }
    }
    for (const [name, candidates] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
      const entry = candidates.length === 1 ? candidates[0] : pick(name, candidates[0].group, candidates);
      this.byGroupKind.set(`${entry.group}/${entry.kind}`, entry);
    }
  }

  /** The CRD of a group and kind, or undefined. */
  find(group: string, kind: string): CrdEntry | undefined {
    return this.byGroupKind.get(`${group}/${kind}`);
  }

  /** A CRD's whole definition. */
  definition(entry: CrdEntry): Crd {
    let crd = definitions.get(entry.hash);
    if (!crd) {
      const json = readCached(cachePath("defs", `${entry.hash}.json`));
      // Cached entries without their definition (a cache emptied by hand): index the file again.
      crd = json !== undefined ? (JSON.parse(json) as Crd) : parseCrds(fs.readFileSync(entry.file, "utf8")).find((c) => sha256(JSON.stringify(c)) === entry.hash);
      if (!crd) throw new CrdCatalogError(`${entry.file} no longer defines ${entry.name} as it did: run again`);
      definitions.set(entry.hash, crd);
    }
    return crd;
  }

  /** Every CRD, by group and kind, with its definition. */
  all(): LoadedCrd[] {
    return [...this.byGroupKind.values()].map((entry) => ({ crd: this.definition(entry), file: entry.file }));
  }

  get size(): number {
    return this.byGroupKind.size;
  }
}
