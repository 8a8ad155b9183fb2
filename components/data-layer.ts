import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { generatedSecretObject, type DataLayerPlan, type GeneratedSecretSpec } from "../manifests/data/plan";
import { resourceName, registerKubernetesObjects } from "./kubernetes-objects";
import { helmRelease } from "./helm-release";

/** What every data layer's component takes. */
export interface DataLayerArgs<S, P> {
  /** The layer's resolved config section. */
  spec: S;
  /** What its desired state reads of the platform: the layers that use the service, placement, the network. */
  platform: P;
  /** The cluster every object is created in. */
  provider: k8s.Provider;
  /** What the operator waits for: the system pool's node groups and the mesh's injector. */
  operatorDependsOn: pulumi.Resource[];
  /** What the data namespace's mesh objects wait for: the release with Istio's CRDs. */
  meshDependsOn: pulumi.Resource[];
}

/** A component's outputs field by field: a stack output made of them is secret exactly where a field is. */
export type OutputFields<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Where a data layer's resources go: under its component, with its args' provider and dependencies. */
export type DataLayerResourceOptions = Pick<DataLayerArgs<unknown, unknown>, "provider" | "operatorDependsOn" | "meshDependsOn"> & { parent: pulumi.Resource };

export interface RegisteredDataLayer {
  /** The prerequisites and custom resources, by object key (Kind/namespace/name). */
  resources: ReadonlyMap<string, pulumi.CustomResource>;
  release: k8s.helm.v3.Release;
  /** Each generated secret's value (a Pulumi secret), by Secret name. */
  generatedValues: ReadonlyMap<string, pulumi.Output<string>>;
}

/** The registered resource of the object with this kind, namespace and name; its absence is a bug in the plan. */
export function registeredObject(resources: ReadonlyMap<string, pulumi.CustomResource>, kind: string, namespace: string, name: string): pulumi.CustomResource {
  const resource = resources.get(`${kind}/${namespace}/${name}`);
  if (!resource) throw new Error(`the data layer's plan has no ${kind} ${namespace}/${name}`);
  return resource;
}

function generatedSecret(secret: GeneratedSecretSpec, namespace: pulumi.Resource | undefined, opts: DataLayerResourceOptions) {
  const name = `${secret.namespace}/${secret.name}`;
  const value = new random.RandomPassword(name, { length: secret.length, special: false }, { parent: opts.parent });
  const { apiVersion, kind, ...fields } = generatedSecretObject(secret, value.result);
  const object = new k8s.core.v1.Secret(resourceName({ apiVersion, kind, metadata: fields.metadata }), fields, {
    parent: opts.parent,
    provider: opts.provider,
    dependsOn: namespace ? [namespace] : [],
  });
  return { object, value: value.result };
}

/**
 * Registers a data layer's plan in its order: prerequisites (namespaces, policies, config) and generated
 * Secrets; then the operator's release, after them and the system pool; then the custom resources, which
 * depend on the release and nothing else; the mesh objects (AuthorizationPolicies) on Istio's CRDs only.
 */
export function registerDataLayer(name: string, plan: DataLayerPlan, opts: DataLayerResourceOptions): RegisteredDataLayer {
  const prerequisites = registerKubernetesObjects(plan.prerequisites, { parent: opts.parent, provider: opts.provider });
  const generatedValues = new Map<string, pulumi.Output<string>>();
  const secrets = plan.generatedSecrets.map((secret) => {
    const { object, value } = generatedSecret(secret, prerequisites.get(`Namespace/${secret.namespace}`), opts);
    generatedValues.set(secret.name, value);
    return object;
  });
  const release = helmRelease(name, plan.operator, {
    parent: opts.parent,
    provider: opts.provider,
    dependsOn: [...prerequisites.values(), ...secrets, ...opts.operatorDependsOn],
  });
  const customResources = registerKubernetesObjects(plan.customResources, { parent: opts.parent, provider: opts.provider, dependsOn: [release] });
  const meshObjects = registerKubernetesObjects(plan.meshObjects, { parent: opts.parent, provider: opts.provider, dependsOn: opts.meshDependsOn });
  return { resources: new Map([...prerequisites, ...customResources, ...meshObjects]), release, generatedValues };
}
