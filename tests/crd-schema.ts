import Ajv, { type ValidateFunction } from "ajv";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { KubernetesObject } from "../layers/kubernetes-object";
import { PROJECT_DIR } from "./harness";

/**
 * Custom resources checked against the upstream CRDs in ../shared/crds: the OpenAPI v3 schema of the
 * version the CRD serves, as JSON Schema (ajv), with the API server's structural rules that matter for
 * typos: unknown fields are errors (kubectl's strict field validation) unless the schema preserves them.
 * CEL rules (`x-kubernetes-validations`) are not evaluated here.
 *
 * The one place custom resources are validated in the tests: when the full validator (with CEL) lands in
 * `validation/`, `validateCustomResource` becomes a call to it.
 */

export const SHARED_DIR = path.resolve(PROJECT_DIR, "..", "shared");

/** The CRD directories of the versions Strata pins (../shared/crds/SOURCES.md). */
const CRD_DIRS = ["strimzi", "pgo/v5.8.9", "redis-operator"];

/** Why the CRDs cannot be read, or undefined when they can: tests skip (loudly) on a reason. */
export function crdsUnavailable(): string | undefined {
  const missing = CRD_DIRS.map((d) => path.join(SHARED_DIR, "crds", d)).filter((d) => !fs.existsSync(d));
  return missing.length ? `upstream CRDs not found (${missing.join(", ")}): ../shared is absent` : undefined;
}

type Schema = Record<string, any>;

/** The schema as the API server applies it: closed objects, int-or-string as either. */
function structural(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(structural);
  if (!schema || typeof schema !== "object") return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "x-kubernetes-validations" || key === "description") continue;
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, structural(v)])) : structural(value);
  }
  if (out["x-kubernetes-int-or-string"]) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) out.additionalProperties = false;
  return out;
}

/**
 * CRD patterns are Go (RE2) syntax. RE2 forms JavaScript spells differently: one-letter Unicode classes
 * (`\pZ` is `\p{Z}`), POSIX classes in brackets (`[[:print:]]`), and scoped flag groups `(?i:…)`, which
 * JavaScript lacks: such a group becomes a plain group and the whole pattern case-insensitive (slightly
 * more permissive, never stricter).
 */
const POSIX_CLASSES: Record<string, string> = {
  alnum: "A-Za-z0-9",
  alpha: "A-Za-z",
  digit: "0-9",
  lower: "a-z",
  upper: "A-Z",
  space: "\\t\\n\\v\\f\\r ",
  xdigit: "0-9A-Fa-f",
  print: "\\x20-\\x7E",
  graph: "\\x21-\\x7E",
  punct: "!-\\/:-@\\[-`{-~",
};

function re2(pattern: string, flags: string): RegExp {
  let source = pattern
    .replace(/\\([pP])([A-Z])/g, "\\$1{$2}")
    .replace(/\[:([a-z]+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole);
  let jsFlags = flags;
  if (source.includes("(?i:")) {
    source = source.replace(/\(\?i:/g, "(?:");
    if (!jsFlags.includes("i")) jsFlags += "i";
  }
  return new RegExp(source, jsFlags);
}
re2.code = "re2";

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: re2 as never } });
  validators = new Map();
  for (const dir of CRD_DIRS) {
    const full = path.join(SHARED_DIR, "crds", dir);
    for (const file of fs.readdirSync(full).filter((f) => f.endsWith(".yaml")).sort()) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(full, file), "utf8"))) {
        const crd = doc.toJSON();
        if (crd?.kind !== "CustomResourceDefinition") continue;
        for (const version of crd.spec.versions) {
          if (!version.served) continue;
          const schema = structural(version.schema.openAPIV3Schema);
          // metadata is the API server's: the CRD leaves it open.
          if (schema.properties?.metadata) schema.properties.metadata = { type: "object" };
          validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
        }
      }
    }
  }
  return validators;
}

/** The kinds (`group/version/Kind`) the CRDs serve. */
export function servedKinds(): string[] {
  return [...load().keys()];
}

/** Problems of one custom resource against its CRD (empty: valid); a kind no CRD serves is a problem too. */
export function validateCustomResource(object: KubernetesObject): string[] {
  const validate = load().get(`${object.apiVersion}/${object.kind}`);
  if (!validate) return [`no served CRD version for ${object.apiVersion} ${object.kind}`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
}
