import type { ManifestObject } from "../manifests/kubernetes-object";

/** One way an object fails its schema: where (a JSON pointer into the object) and why. */
export interface SchemaError {
  kind: string;
  namespace?: string;
  name: string;
  /** JSON pointer into the object, e.g. `/spec/template/spec/containers/0/bogus`; "" for the object itself. */
  path: string;
  message: string;
}

/** An error about `object` at `path`. */
export function schemaError(object: Pick<ManifestObject, "kind" | "metadata">, path: string, message: string): SchemaError {
  const namespace = object.metadata?.namespace;
  return { kind: String(object.kind), ...(namespace ? { namespace } : {}), name: String(object.metadata?.name ?? ""), path, message };
}

/** `Kind namespace/name path: message`, as `strata check` prints it. */
export function formatSchemaError(e: SchemaError): string {
  const id = e.namespace ? `${e.namespace}/${e.name}` : e.name;
  return `${e.kind} ${id}${e.path ? ` ${e.path}` : ""}: ${e.message}`;
}

/** Appends a segment to a JSON pointer, escaping as RFC 6901 requires. */
export function pointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}
