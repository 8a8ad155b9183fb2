import type { IContainer } from "kubernetes-models/v1/Container";
import { isObject, record } from "../../engine/fields";
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

/** Pod metadata from the metadata blocks the operator copies onto the pod (later ones win per key). */
export function podMetadata(...blocks: unknown[]): PodMetadata {
  const labels = Object.assign({}, ...blocks.map((b) => record(record(b).labels)));
  const annotations = Object.assign({}, ...blocks.map((b) => record(record(b).annotations)));
  return { ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) };
}

/** One pod the operator makes, at `path` in the resource. */
export function operatorPod(path: string, metadata: PodMetadata, spec: PodSpec): PodSpecSite {
  const defined = Object.entries(spec).filter(([, value]) => value !== undefined);
  return { path, metadata, spec: Object.fromEntries(defined) as PodSpec };
}
