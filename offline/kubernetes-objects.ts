import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { PolicySubject } from "../policies/engine/subject";
import { stackSubjects } from "./policy-subjects";
import type { RecordedResource } from "./recorder";

/** The Kubernetes objects among subjects: those `resourceSubject` found to be one (typed kinds and custom resources). */
export function subjectObjects(subjects: readonly PolicySubject[]): KubernetesObject[] {
  return subjects.flatMap((s) => (s.object ? [s.object as KubernetesObject] : []));
}

/** Pulumi's Helm resource types: a release (or chart) installs what its chart templates, it is no object itself. */
export function isHelmResource(type: string): boolean {
  return type.startsWith("kubernetes:helm.sh/");
}

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources, not providers, not Helm
 * releases: those are charts, rendered as `helmCharts:` entries), as the
 * objects they would apply: their inputs, secrets unwrapped, as the policies see them.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return subjectObjects(stackSubjects(resources.filter((r) => !isHelmResource(r.type))));
}
