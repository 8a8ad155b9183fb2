import type { KubernetesObject } from "../layers/kubernetes-object";
import type { PolicySubject } from "../policies/engine/subject";
import { stackSubjects } from "./policy-subjects";
import type { RecordedResource } from "./recorder";

/** The Kubernetes objects among subjects: those `resourceSubject` found to be one (typed kinds and custom resources). */
export function subjectObjects(subjects: readonly PolicySubject[]): KubernetesObject[] {
  return subjects.flatMap((s) => (s.object ? [s.object as KubernetesObject] : []));
}

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources, not providers), as the
 * objects they would apply: their inputs, secrets unwrapped, as the policies see them.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return subjectObjects(stackSubjects(resources));
}
