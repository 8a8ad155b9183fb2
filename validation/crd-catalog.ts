import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { CRD_RELEASES } from "../platform/versions";

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

export class CrdCatalogError extends Error {}

// The node_modules the project installed (found from a dependency: the same from sources and from dist/).
const CACHE_DIR = path.resolve(path.dirname(require.resolve("ajv/package.json")), "..", ".cache", "strata-crds");

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
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Partial<Crd> & { kind?: string; apiVersion?: string })
    .filter((doc) => doc?.kind === "CustomResourceDefinition" && doc.apiVersion === "apiextensions.k8s.io/v1") as Crd[];
}

/**
 * The CRDs of a file. Upstream CRD files are large (13 MB of YAML for the platform's operators, seconds
 * to parse): what a file parses to is kept as JSON under node_modules/.cache, by the hash of its content.
 */
function crdsIn(file: string): Crd[] {
  const text = fs.readFileSync(file, "utf8");
  const cached = path.join(CACHE_DIR, `${createHash("sha256").update(text).digest("hex")}.json`);
  try {
    return JSON.parse(fs.readFileSync(cached, "utf8")) as Crd[];
  } catch {
    const crds = parseCrds(text);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, JSON.stringify(crds));
      fs.renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      // A read-only tree only makes the next load slower.
    }
    return crds;
  }
}

/** When a CRD is defined more than once, the definition of the release Strata deploys (see CRD_RELEASES). */
function pick(name: string, group: string, candidates: LoadedCrd[]): LoadedCrd {
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
 */
export class CrdCatalog {
  private readonly byGroupKind = new Map<string, LoadedCrd>();

  constructor(dirs: string[]) {
    const byName = new Map<string, LoadedCrd[]>();
    for (const dir of dirs) {
      for (const file of crdFiles(dir)) {
        for (const crd of crdsIn(file)) {
          const list = byName.get(crd.metadata.name) ?? [];
          if (!list.some((l) => JSON.stringify(l.crd.spec) === JSON.stringify(crd.spec))) list.push({ crd, file });
          byName.set(crd.metadata.name, list);
        }
      }
    }
    for (const [name, candidates] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
      const loaded = candidates.length === 1 ? candidates[0] : pick(name, candidates[0].crd.spec.group, candidates);
      this.byGroupKind.set(`${loaded.crd.spec.group}/${loaded.crd.spec.names.kind}`, loaded);
    }
  }

  /** The CRD of a group and kind, or undefined. */
  find(group: string, kind: string): LoadedCrd | undefined {
    return this.byGroupKind.get(`${group}/${kind}`);
  }

  /** Every CRD, by group and kind. */
  all(): LoadedCrd[] {
    return [...this.byGroupKind.values()];
  }

  get size(): number {
    return this.byGroupKind.size;
  }
}
