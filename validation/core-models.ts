/**
 * The official Kubernetes API schemas, as the `kubernetes-models` package compiles them: one model class
 * per kind, in a module of its own under its apiVersion's directory, each carrying the OpenAPI validator of
 * its kind.
 */
import { modelFileExists } from "./esm-models";

// The package's own export map lists every apiVersion module it has ("./apps/v1", "./v1", …).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exportMap = Object.keys((require("kubernetes-models/package.json") as { exports: Record<string, unknown> }).exports);
const apiVersions = new Set(exportMap.filter((k) => /^\.\/[^*]+$/.test(k) && k.includes("/v")).map((k) => k.slice(2)));
/** API groups with official schemas ("" is the core group). */
const coreGroups = new Set([...apiVersions].map((v) => (v.includes("/") ? v.slice(0, v.lastIndexOf("/")) : "")));

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

/** The model file of a kind, when the package has one (`apps/v1/Deployment.js`); a kind without one has no model. */
export function modelFileOf(apiVersion: string, kind: string): string | undefined {
  if (!apiVersions.has(apiVersion) || !KIND.test(kind)) return undefined;
  const file = `${apiVersion}/${kind}.js`;
  // Asked for each kind twice a run (its bundle, then its validator): the file system once.
  if (!modelFiles.has(file)) modelFiles.set(file, modelFileExists(file));
  return modelFiles.get(file) ? file : undefined;
}
const modelFiles = new Map<string, boolean>();

/** ObjectMeta's model: custom resources' metadata is validated against it (object-meta.ts). */
export const OBJECT_META = { pkg: "@kubernetes-models/apimachinery", file: "apis/meta/v1/ObjectMeta.js" } as const;
