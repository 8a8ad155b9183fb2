import type { IContainer } from "kubernetes-models/v1/Container";
import { isObject, list, record } from "../../engine/fields";
import { isUnknown, UNKNOWN } from "../../engine/unknown";
import type { PodMetadata, PodSpec } from "../pod";
import type { PodSpecSite } from "../pod-spec";

/**
 * Building the pods an operator makes from its custom resource: each container by the name the operator
 * gives it, with the fields the resource sets for it (security context, resources, ports). A field the
 * resource leaves out stays out, so the rules judge what the resource declares.
 */

export interface ContainerFields {
  securityContext?: unknown;
  resources?: unknown;
  ports?: unknown;
}

/** A container of an operator's pod; fields that are undefined are left out. */
export function operatorContainer(name: string, fields: ContainerFields): IContainer {
  const set = Object.entries(fields).filter(([, value]) => value !== undefined);
  return { name, ...Object.fromEntries(set) } as IContainer;
}

/** The first of several places a resource may set a container's resources (the operator's precedence). */
export function firstObject(...candidates: unknown[]): Record<string, unknown> | undefined {
  return candidates.find(isObject);
}

/** Pod metadata from the metadata blocks the operator copies onto the pod (later ones win per key; an unknown block makes it unknown). */
export function podMetadata(...blocks: unknown[]): PodMetadata {
  const merged = (field: "labels" | "annotations"): Record<string, string> | undefined => {
    if (blocks.some((b) => isUnknown(b) || isUnknown(record(b)[field]))) return UNKNOWN as Record<string, string>;
    const map = Object.assign({}, ...blocks.map((b) => record(record(b)[field])));
    return Object.keys(map).length ? map : undefined;
  };
  const labels = merged("labels");
  const annotations = merged("annotations");
  return { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
}

/**
 * A container the operator builds, with the fields a resource's container of the same name patches onto it
 * (as a strategic merge does: field by field, nested objects merged, lists replaced).
 */
export function patchedContainer(built: IContainer, patches: unknown): IContainer {
  const patch = list<unknown>(patches).find((c) => !isUnknown(c) && record(c).name === built.name);
  return patch === undefined ? built : (merge(built, patch) as IContainer);
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch) || isUnknown(patch) || isUnknown(base)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = key in base ? merge(base[key], value) : value;
  return out;
}

/** One pod the operator makes, at `path` in the resource. */
export function operatorPod(path: string, metadata: PodMetadata, spec: PodSpec): PodSpecSite {
  const defined = Object.entries(spec).filter(([, value]) => value !== undefined);
  return { path, metadata, spec: Object.fromEntries(defined) as PodSpec };
}
