import type { KubernetesObject } from "../layers/kubernetes-object";
import { revealSecrets, type RecordedResource } from "./recorder";

/** The Pulumi type of a Helm release: a Kubernetes resource, but not an object the cluster stores. */
export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources; not providers, not Helm
 * releases, whose charts the cluster inflates), as the objects they would apply: their inputs, secrets unwrapped.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return resources
    .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:") && r.type !== HELM_RELEASE_TYPE)
    .map((r) => revealSecrets(r.inputs) as KubernetesObject);
}
