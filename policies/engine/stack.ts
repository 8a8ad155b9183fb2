import { apiGroupOf, type KubernetesObjectLike, type ObjectLookup } from "../pod-security/pod-spec";
import type { PolicySubject } from "./subject";

/** A Kubernetes object subject: the object is there. */
export type ObjectSubject = PolicySubject & { object: KubernetesObjectLike };

/**
 * Everything a stack (or a set of manifests) holds, as stack rules see it: the subjects, with lookups by
 * kind and type. Pure data: built once per evaluation.
 */
export class PolicyStack implements ObjectLookup {
  readonly subjects: readonly PolicySubject[];
  /** The Kubernetes objects among the subjects. */
  readonly objects: readonly ObjectSubject[];
  private readonly namespaces: ReadonlyMap<string, KubernetesObjectLike>;
  /** The objects by API group and kind: rules look kinds up for every object they judge. */
  private byKind?: Map<string, ObjectSubject[]>;

  constructor(subjects: readonly PolicySubject[]) {
    this.subjects = subjects;
    this.objects = subjects.filter((s): s is ObjectSubject => s.object !== undefined);
    this.namespaces = new Map(this.ofKind("", "Namespace").map((s) => [s.name, s.object]));
  }

  /** Kubernetes objects of an API group ("" for core) and kind. */
  ofKind(apiGroup: string, kind: string): ObjectSubject[] {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const s of this.objects) {
        const key = `${apiGroupOf(s.object.apiVersion)}/${s.kind}`;
        const list = this.byKind.get(key);
        if (list) list.push(s);
        else this.byKind.set(key, [s]);
      }
    }
    return [...(this.byKind.get(`${apiGroup}/${kind}`) ?? [])];
  }

  /** Subjects whose Pulumi type token is one of these. */
  ofType(...types: string[]): PolicySubject[] {
    return this.subjects.filter((s) => types.includes(s.type));
  }

  /** An object by API group, kind, namespace and name, when the stack (or manifest set) has it. */
  object(apiGroup: string, kind: string, namespace: string | undefined, name: string): KubernetesObjectLike | undefined {
    return this.ofKind(apiGroup, kind).find((s) => s.namespace === namespace && s.name === name)?.object;
  }

  /** The Namespace object of that name, when the stack (or manifest set) has one. */
  namespace(name: string | undefined): KubernetesObjectLike | undefined {
    return name === undefined ? undefined : this.namespaces.get(name);
  }
}
