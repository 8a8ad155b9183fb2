/**
 * The official Kubernetes API schemas, as the `kubernetes-models` package compiles them: one model class
 * per kind, in one module per apiVersion, each carrying the OpenAPI validator of its kind.
 */
import { requireModelFile } from "./esm-models";

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

const modules = new Map<string, Record<string, unknown>>();

function moduleOf(apiVersion: string): Record<string, unknown> | undefined {
  if (!apiVersions.has(apiVersion)) return undefined;
  if (!modules.has(apiVersion)) {
    modules.set(apiVersion, requireModelFile("kubernetes-models", apiVersion));
  }
  return modules.get(apiVersion);
}

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
  const candidate = moduleOf(apiVersion)?.[kind];
  if (typeof candidate !== "function") return undefined;
  const model = candidate as unknown as CoreModel;
  return model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
}
