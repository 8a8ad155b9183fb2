import { RE2JS } from "@bufbuild/re2";
import Ajv, { type ValidateFunction } from "ajv";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { ajvErrorMessage, ajvErrorPath } from "./ajv-errors";
import { celViolations } from "./cel/rules";
import type { CrdCatalog, CrdVersion, JsonSchema, LoadedCrd } from "./crd-catalog";
import { groupOf } from "./core-models";
import { objectMetaErrors } from "./object-meta";
import { schemaError, type SchemaError } from "./schema-error";
import { strictSchema } from "./structural-schema";

/** Formats the API server checks in custom resources; any other format is accepted as the server does. */
const FORMATS: Record<string, RegExp | ((value: unknown) => boolean)> = {
  int32: (v) => typeof v === "number" && v >= -(2 ** 31) && v < 2 ** 31,
  int64: (v) => typeof v === "number" && Number.isSafeInteger(v),
  duration: /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

/**
 * Validates custom resources against their CRDs: the served version's OpenAPI v3 schema with ajv (strict:
 * unknown fields are errors; defaults applied first, as the API server does before validating), then the
 * CRD's `x-kubernetes-validations` CEL rules on the defaulted object, and metadata against ObjectMeta.
 * Each CRD version is compiled on first use.
 */
export class CrdValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly catalog: CrdCatalog) {
    // CRD patterns are Go (RE2) regular expressions, as the API server evaluates them.
    const regExp = Object.assign((pattern: string) => RE2JS.compile(pattern), { code: "RE2JS.compile" });
    this.ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, logger: false, formats: {}, code: { regExp } });
    for (const [name, format] of Object.entries(FORMATS)) {
      this.ajv.addFormat(name, typeof format === "function" ? { type: "number", validate: format } : format);
    }
  }

  /** Whether any CRD of the catalog belongs to `group`. */
  definesGroup(group: string): boolean {
    return this.catalog.all().some((l) => l.crd.spec.group === group);
  }

  /** Errors of a custom resource, or undefined when no CRD defines its group and kind. */
  validate(object: ManifestObject): SchemaError[] | undefined {
    const loaded = this.catalog.find(groupOf(object.apiVersion), object.kind);
    if (!loaded) return undefined;
    const version = object.apiVersion.slice(object.apiVersion.lastIndexOf("/") + 1);
    const served = loaded.crd.spec.versions.find((v) => v.name === version && v.served);
    if (!served) {
      const versions = loaded.crd.spec.versions.filter((v) => v.served).map((v) => v.name);
      return [schemaError(object, "/apiVersion", `${loaded.crd.metadata.name} (${loaded.file}) does not serve ${version}; it serves ${versions.join(", ")}`)];
    }
    const rootSchema = served.schema?.openAPIV3Schema;
    if (!rootSchema) return [schemaError(object, "", `${loaded.crd.metadata.name} version ${version} has no openAPIV3Schema`)];

    const defaulted = structuredClone(object);
    const check = this.compile(loaded, served, rootSchema);
    const errors = check(defaulted) ? [] : (check.errors ?? []).filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword)).map((e) => schemaError(object, ajvErrorPath(e), ajvErrorMessage(e)));
    const meta = objectMetaErrors(object.metadata).map((e) => schemaError(object, e.path, e.message));
    const rules = celViolations(defaulted, rootSchema).map((v) => schemaError(object, v.path, v.message));
    return [...errors, ...meta, ...rules];
  }

  private compile(loaded: LoadedCrd, version: CrdVersion, schema: JsonSchema): ValidateFunction {
    const key = `${loaded.crd.metadata.name}/${version.name}`;
    if (!this.compiled.has(key)) this.compiled.set(key, this.ajv.compile(strictSchema(schema)));
    return this.compiled.get(key)!;
  }
}
