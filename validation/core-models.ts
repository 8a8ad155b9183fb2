/**
 * The official Kubernetes API schemas, as the `kubernetes-models` package compiles them: one model class
 * per kind, in a module of its own under its apiVersion's directory, each carrying the OpenAPI validator of
 * its kind.
 */
import { modelFileExists, requireModelFile } from "./esm-models";
import { bundledValidator, prepareModelValidators, type ModelValidate } from "./model-validators";

// The package's own export map lists every apiVersion module it has ("./apps/v1", "./v1", …).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exportMap = Object.keys((require("kubernetes-models/package.json") as { exports: Record<string, unknown> }).exports);
const apiVersions = new Set(exportMap.filter((k) => /^\.\/[^*]+$/.test(k) && k.includes("/v")).map((k) => k.slice(2)));
/** API groups with official schemas ("" is the core group). */
const coreGroups = new Set([...apiVersions].map((v) => (v.includes("/") ? v.slice(0, v.lastIndexOf("/")) : "")));

interface CoreModel {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

/** A kind's name as the package names its files (nothing that could leave the package's directory). */
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** The group of an apiVersion: "apps" for "apps/v1", "" for "v1". */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
}

/** Whether the apiVersion's group is one of Kubernetes' own (validated by OpenAPI, not by a CRD). */
export function isCoreGroup(apiVersion: string): boolean {
  return coreGroups.has(groupOf(apiVersion));
}

/**
 * The model of a top-level kind from its own ES module (`kubernetes-models/apps/v1/Deployment.js`: that kind's
 * schemas only, where the apiVersion's index loads every type of the version), or undefined.
 */
function coreModel(file: string, apiVersion: string, kind: string): CoreModel | undefined {
  const candidate = requireModelFile("kubernetes-models", file)[kind];
  if (typeof candidate !== "function") return undefined;
  const model = candidate as unknown as CoreModel;
  return model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
}

/** The model file of a kind, when the package has one (`apps/v1/Deployment.js`); a kind without one has no model. */
function modelFileOf(apiVersion: string, kind: string): string | undefined {
  if (!apiVersions.has(apiVersion) || !KIND.test(kind)) return undefined;
  const file = `${apiVersion}/${kind}.js`;
  return modelFileExists(file) ? file : undefined;
}

/** ObjectMeta's model: custom resources' metadata is validated against it (object-meta.ts). */
export const OBJECT_META = { pkg: "@kubernetes-models/apimachinery", file: "apis/meta/v1/ObjectMeta.js" } as const;

/** Loads the validators of these objects' kinds (and ObjectMeta's) at once, before they are validated one by one. */
export function prepareCoreModels(objects: { apiVersion: string; kind: string }[]): void {
  const kinds = new Map<string, { apiVersion: string; kind: string; file: string }>();
  for (const { apiVersion, kind } of objects) {
    const key = `${apiVersion}/${kind}`;
    if (kinds.has(key) || !isCoreGroup(apiVersion)) continue;
    const file = modelFileOf(apiVersion, kind);
    if (file) kinds.set(key, { apiVersion, kind, file });
  }
  prepareModelValidators([OBJECT_META, ...[...kinds.values()].map((k) => ({ pkg: "kubernetes-models" as const, ...k }))]);
}

/**
 * The validator of a top-level kind (one with apiVersion and kind): throws an error with ajv's `errors`
 * when the data is invalid. Undefined when Kubernetes has no such kind.
 */
export function coreValidator(apiVersion: string, kind: string): ModelValidate | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!validators.has(key)) validators.set(key, validatorOf(apiVersion, kind));
  return validators.get(key);
}

const validators = new Map<string, ModelValidate | undefined>();

function validatorOf(apiVersion: string, kind: string): ModelValidate | undefined {
  const file = modelFileOf(apiVersion, kind);
  if (!file) return undefined;
  const bundled = bundledValidator({ pkg: "kubernetes-models", file });
  if (bundled) return bundled;
  const model = coreModel(file, apiVersion, kind);
  return model ? (data) => model.prototype.validate.call(data) : undefined;
}
