import type { KubernetesObjectLike } from "../pod-security/pod-spec";
import { isObject } from "./fields";

/**
 * What a rule looks at: one Kubernetes object or one cloud resource, as a stack registers it (the offline
 * run, a CrossGuard preview) or as a manifest holds it (`strata validate`). Rules see plain data only.
 */
export interface PolicySubject {
  /** Pulumi type token ("kubernetes:apps/v1:Deployment", "aws:s3/bucket:Bucket"), or "apiVersion/kind" for a manifest object. */
  type: string;
  /** The Kubernetes kind, or the type token for anything else. */
  kind: string;
  /** The object's namespace; a Namespace is its own. Exemptions match on it. */
  namespace?: string;
  name: string;
  /** The Kubernetes object, when the subject is one. */
  object?: KubernetesObjectLike;
  /** The resource's inputs (for a Kubernetes object, the object itself). */
  inputs: Record<string, unknown>;
  /** The resource's URN, when it comes from a stack. */
  urn?: string;
  /**
   * URNs of the resources the subject's inputs depend on. A bucket's encryption, versioning and public
   * access block name their bucket through an input, so they depend on its URN even when its id is unknown.
   */
  dependencies: string[];
}

/** A Kubernetes object as a subject (a manifest's, or a stack resource's inputs). */
export function objectSubject(object: KubernetesObjectLike, origin: { type?: string; urn?: string; dependencies?: string[] } = {}): PolicySubject {
  const kind = String(object.kind ?? "");
  const name = String(object.metadata?.name ?? "");
  const namespace = kind === "Namespace" ? name : object.metadata?.namespace;
  return {
    type: origin.type ?? `${object.apiVersion ?? ""}/${kind}`,
    kind,
    ...(namespace ? { namespace } : {}),
    name,
    object,
    inputs: object as Record<string, unknown>,
    ...(origin.urn ? { urn: origin.urn } : {}),
    dependencies: origin.dependencies ?? [],
  };
}

/** A Pulumi resource as a subject: a Kubernetes object when its inputs are one, a cloud resource otherwise. */
export interface StackResourceLike {
  urn: string;
  type: string;
  /** The Pulumi resource name. */
  name: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
}

export function resourceSubject(resource: StackResourceLike): PolicySubject {
  const inputs = isObject(resource.inputs) ? resource.inputs : {};
  const origin = { type: resource.type, urn: resource.urn, dependencies: resource.dependencies };
  if (resource.type.startsWith("kubernetes:") && typeof inputs.kind === "string" && typeof inputs.apiVersion === "string") {
    return objectSubject(inputs as KubernetesObjectLike, origin);
  }
  // Helm releases name their namespace and release name as plain inputs.
  const namespace = typeof inputs.namespace === "string" ? inputs.namespace : undefined;
  const name = typeof inputs.name === "string" ? inputs.name : resource.name;
  return { type: resource.type, kind: resource.type, ...(namespace ? { namespace } : {}), name, inputs, urn: resource.urn, dependencies: resource.dependencies };
}

/** "kind namespace/name" (or "kind name"), how messages and reports name a subject. */
export function describeSubject(subject: PolicySubject): string {
  return `${subject.kind} ${subject.namespace && subject.kind !== "Namespace" ? `${subject.namespace}/` : ""}${subject.name}`;
}
