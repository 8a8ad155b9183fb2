/**
 * The official Kubernetes API schemas, as the `kubernetes-models` package compiles them: one model class
 * per kind, in a module of its own under its apiVersion's directory, each carrying the OpenAPI validator of
 * its kind.
 */
import { modelFileExists, requireModelFile } from "./esm-models";

// The package's own export map lists every apiVersion module it has ("./apps/v1", "./v1", …).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exportMap = Object.keys((require("kubernetes-models/package.json") as { exports: Record<string, unknown> }).exports);
const apiVersions = new Set(exportMap.filter((k) => /^\.\/[^*]+$/.test(k) && k.includes("/v")).map((k) => k.slice(2)));
/** API groups with official schemas ("" is the core group). */
const coreGroups = new Set([...apiVersions].map((v) => (v.includes("/") ? v.slice(0, v.lastIndexOf("/")) : "")));

export interface CoreModel {
  apiVersion: string;
  kind: string;
  /** Runs the kind's OpenAPI validator on `data`; throws an error with ajv's `errors` when invalid. */
  prototype: { validate(this: unknown): void };
}

const modules = new Map<string, Record<string, unknown> | undefined>();

/**
 * The module of one kind (`kubernetes-models/apps/v1/Deployment.js`): it loads that kind's schemas only, where
 * the apiVersion's index loads every type of the version (core v1: over 700 modules). A kind the version has
 * no file for has no model.
 */
function moduleOf(apiVersion: string, kind: string): Record<string, unknown> | undefined {
  if (!apiVersions.has(apiVersion) || !KIND.test(kind)) return undefined;
  const key = `${apiVersion}/${kind}`;
  if (!modules.has(key)) modules.set(key, modelFileExists(`${key}.js`) ? requireModelFile("kubernetes-models", `${key}.js`) : undefined);
  return modules.get(key);
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

/** The model of a top-level kind (one with apiVersion and kind), or undefined. */
export function coreModel(apiVersion: string, kind: string): CoreModel | undefined {
  const candidate = moduleOf(apiVersion, kind)?.[kind];
  if (typeof candidate !== "function") return undefined;
  const model = candidate as unknown as CoreModel;
  return model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
}
