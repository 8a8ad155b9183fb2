import * as pulumi from "@pulumi/pulumi";
import type { KubernetesObject } from "../layers/kubernetes-object";
import type { RecordedResource } from "./recorder";

/** A recorded value with Pulumi's secret wrappers replaced by the values they hold (for validation only). */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return unwrapSecrets(obj.value);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/**
 * The Kubernetes objects a run registered (typed kinds and custom resources, not providers), as the
 * objects they would apply: their inputs, secrets unwrapped.
 */
export function registeredKubernetesObjects(resources: RecordedResource[]): KubernetesObject[] {
  return resources
    .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:"))
    .map((r) => unwrapSecrets(r.inputs) as KubernetesObject);
}
