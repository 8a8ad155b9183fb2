import type { KubernetesObject } from "../layers/kubernetes-object";
import { revealSecrets, type RecordedResource } from "./recorder";

/** Pulumi's Helm resource types: a release (or chart) installs what its chart templates, it is no object itself. */
export function isHelmResource(type: string): boolean {
  return type.startsWith("kubernetes:helm.sh/");
}

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources, not providers, not Helm
 * releases: those are charts, rendered as `helmCharts:` entries), as the objects they would apply: their
 * inputs, secrets unwrapped.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return resources
    .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:") && !isHelmResource(r.type))
    .map((r) => revealSecrets(r.inputs) as KubernetesObject);
}
