import type { KubernetesObject } from "../layers/kubernetes-object";
import { revealSecrets, type RecordedResource } from "./recorder";

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources, not providers), as the
 * objects they would apply: their inputs, secrets unwrapped.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return resources
    .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:"))
    .map((r) => revealSecrets(r.inputs) as KubernetesObject);
}
