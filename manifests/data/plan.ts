import type { HelmChartSpec } from "../helm-chart";
import type { KubernetesObject } from "../kubernetes-object";
import type { LayerDesiredState } from "../layer-desired-state";

/**
 * The desired state of one data layer, in the order it must be applied:
 * 1. `prerequisites`: the operator's and the data namespace's objects (namespaces with restricted Pod
 *    Security, network policies, config the custom resources read). Nothing here needs the operator.
 * 2. `operator`: the operator's Helm release. It waits for the prerequisites: the operator reconciles the
 *    data namespace as soon as it starts (Strimzi also binds roles in it), so the namespace must be complete.
 * 3. `customResources`: the operator's custom resources (the CRDs come with the chart). They need the
 *    release and nothing else.
 * `meshObjects` (the namespaces' AuthorizationPolicies) need Istio's CRDs, which the mesh layer installs.
 * `generatedSecrets` are Secrets whose value is generated at deploy time (`@pulumi/random`): the component
 * creates them as Pulumi secrets; a rendered tree references them instead of holding a value.
 */
export interface DataLayerPlan {
  prerequisites: KubernetesObject[];
  operator: HelmChartSpec;
  customResources: KubernetesObject[];
  meshObjects: KubernetesObject[];
  generatedSecrets: GeneratedSecretSpec[];
}

export interface GeneratedSecretSpec {
  namespace: string;
  name: string;
  /** The key the generated value is stored under. */
  key: string;
  /** Characters of the generated value (letters and digits only: it goes into URLs and config files). */
  length: number;
  labels: Record<string, string>;
}

/**
 * A generated Secret as an object: `value` is filled in at deploy time (the component's `@pulumi/random`
 * output, a Pulumi secret). In the platform's desired state the value is empty: the object only says which
 * Secret and key exist, and a rendered tree references it (an ExternalSecret) instead of holding a value.
 */
export function generatedSecretObject<V = string>(secret: GeneratedSecretSpec, value: V) {
  return {
    apiVersion: "v1" as const,
    kind: "Secret" as const,
    metadata: { name: secret.name, namespace: secret.namespace, labels: secret.labels },
    type: "Opaque",
    stringData: { [secret.key]: value },
  };
}

/**
 * A data layer's entry in the platform's desired state: its operator's chart, then every object the
 * component registers, in its order (prerequisites, generated Secrets without their values, custom resources,
 * mesh objects).
 */
export function dataLayerDesiredState(name: string, plan: DataLayerPlan): LayerDesiredState {
  return {
    name,
    helmCharts: [plan.operator],
    objects: [...plan.prerequisites, ...plan.generatedSecrets.map((s) => generatedSecretObject(s, "")), ...plan.customResources, ...plan.meshObjects],
  };
}
