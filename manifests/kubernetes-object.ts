import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

/** A plain Kubernetes object, as desired-state functions return it and the renderer writes it. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: IObjectMeta & { name: string };
  [field: string]: unknown;
}

/**
 * Any Kubernetes object as read from a manifest (what `strata validate` and the schema validator take): its
 * name may be missing or wrong, which validation reports rather than assumes away.
 */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata?: IObjectMeta;
  [field: string]: unknown;
}

/** A typed object (from kubernetes-models) whose name is always set, as Strata's objects' are. */
export type Named<T> = T & { metadata: { name: string } };

/** "apiVersion/kind", e.g. "apps/v1/Deployment". */
export function typeKey(object: Pick<KubernetesObject, "apiVersion" | "kind">): string {
  return `${object.apiVersion}/${object.kind}`;
}

/** A stable, unique identity within a stack: kind, namespace and name. */
export function objectKey(object: KubernetesObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${object.kind}/${ns}/${object.metadata.name}` : `${object.kind}/${object.metadata.name}`;
}
