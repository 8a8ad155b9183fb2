import type { ManifestObject } from "../manifests/kubernetes-object";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { celViolations } from "./cel/rules";
import { forgetDefinitions, type CrdCatalog, type CrdEntry, type JsonSchema } from "./crd-catalog";
import { loadCompiled, storeCompiled, validatorKey, type CompiledSource, type CompiledVersion } from "./crd-compile";
import { groupOf } from "./core-models";
import { objectMetaErrors } from "./object-meta";
import { runInParallel } from "./parallel";
import { schemaError, type SchemaError } from "./schema-error";

// Compiled versions loaded in this process, by key (a test process builds many validators over one directory).
const compiled = new Map<string, CompiledVersion>();

/** Forgets the CRDs and validators this process loaded (tests: to start again from the disk cache or from nothing). */
export function forgetLoadedCrds(): void {
  compiled.clear();
  forgetDefinitions();
}

/** The served version an object names, or why there is none. */
type Served = { entry: CrdEntry; version: string } | { entry: CrdEntry; error: SchemaError[] };

/**
 * Validates custom resources against their CRDs: the served version's OpenAPI v3 schema with ajv (strict:
 * unknown fields are errors; defaults applied first, as the API server does before validating), then the
 * CRD's `x-kubernetes-validations` CEL rules on the defaulted object, and metadata against ObjectMeta.
 * Only the versions the objects use are compiled, once (crd-compile.ts keeps them on disk); a cold cache
 * is compiled in parallel.
 */
export class CrdValidator {
  constructor(private readonly catalog: CrdCatalog) {}

  private served(object: ManifestObject): Served | undefined {
    const entry = this.catalog.find(groupOf(object.apiVersion), object.kind);
    if (!entry) return undefined;
    const version = object.apiVersion.slice(object.apiVersion.lastIndexOf("/") + 1);
    const served = entry.versions.find((v) => v.name === version && v.served);
    if (!served) {
      const versions = entry.versions.filter((v) => v.served).map((v) => v.name);
      return { entry, error: [schemaError(object, "/apiVersion", `${entry.name} (${entry.file}) does not serve ${version}; it serves ${versions.join(", ")}`)] };
    }
    if (!served.schema) return { entry, error: [schemaError(object, "", `${entry.name} version ${version} has no openAPIV3Schema`)] };
    return { entry, version };
  }

  private schemaOf(entry: CrdEntry, version: string): JsonSchema {
    return this.catalog.definition(entry).spec.versions.find((v) => v.name === version)!.schema!.openAPIV3Schema!;
  }

  /** Loads or compiles the validators these objects need, the missing ones in parallel. */
  prepare(objects: ManifestObject[]): void {
    const missing = new Map<string, { key: string; schema: () => JsonSchema }>();
    for (const object of objects) {
      const served = this.served(object);
      if (!served || !("version" in served)) continue;
      const key = validatorKey(served.entry.hash, served.version);
      if (compiled.has(key) || missing.has(key)) continue;
      const cached = loadCompiled(key);
      if (cached) compiled.set(key, cached);
      else missing.set(key, { key, schema: () => this.schemaOf(served.entry, served.version) });
    }
    const jobs = [...missing.values()].map(({ key, schema }) => ({ kind: "compile" as const, key, schema: schema() }));
    for (const source of runInParallel<CompiledSource>(require.resolve("./crd-jobs"), jobs)) compiled.set(source.key, storeCompiled(source));
  }

  /** Errors of a custom resource, or undefined when no CRD defines its group and kind. */
  validate(object: ManifestObject): SchemaError[] | undefined {
    const served = this.served(object);
    if (!served) return undefined;
    if (!("version" in served)) return served.error;
    const key = validatorKey(served.entry.hash, served.version);
    if (!compiled.has(key)) this.prepare([object]);
    const { check, rules } = compiled.get(key)!;

    const defaulted = structuredClone(object);
    const errors = check(defaulted) ? [] : (check.errors ?? []).filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword)).map((e) => schemaError(object, ajvErrorPath(e), ajvErrorMessage(e)));
    const meta = objectMetaErrors(object.metadata).map((e) => schemaError(object, e.path, e.message));
    const violations = celViolations(defaulted, rules).map((v) => schemaError(object, v.path, v.message));
    return [...errors, ...meta, ...violations];
  }
}
