import type { ApplicationLayerSpec, PlacementSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, dataServiceNames, type DataServiceName } from "../../platform/data-services";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerNames } from "../../manifests/layer-names";
import { dataNamespaceObjects } from "./data-namespaces";
import { externalSecretsChart, externalSecretsNamespace } from "./operator";
import { postgresRotation } from "./rotation";
import { secretsManagerObjects } from "./secrets-manager";
import type { CredentialsSpec } from "./spec";

/** What the credentials capability's desired state reads besides its spec. */
export interface CredentialsPlatform {
  layers: ApplicationLayerSpec[];
  placement: PlacementSpec;
  vpcCidr: string;
  /** The store every ExternalSecret of a render (and the layers' `secretEnv` ones) reads: `gitops.secretStore`. */
  secretStore: { kind: "ClusterSecretStore" | "SecretStore"; name: string };
}

/**
 * The capability's desired state, in the order it is applied:
 * 1. `prerequisites`: the operator's namespace and its network rules.
 * 2. `chart`: the operator (its CRDs with it).
 * 3. `store`: the Secrets Manager store's account, the controller's right to mint its tokens, the
 *    ClusterSecretStore (a custom resource: after the chart) — when Strata makes the store.
 * 4. `dataNamespaces`: per data service, what its namespace gets (the layers' readers' Roles; Postgres's CA
 *    publisher) — after that namespace exists.
 * 5. `rotation`: Postgres's password rotation job, its account and rights (when scheduled).
 * The objects in each layer's own namespace are the layer's (`layerCredentialObjects`).
 */
export interface CredentialsPlan {
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
  store: KubernetesObject[];
  dataNamespaces: Map<DataServiceName, KubernetesObject[]>;
  rotation: KubernetesObject[];
}

/**
 * The namespaces that read the Secrets Manager store: every layer with `secretEnv` (its ExternalSecrets, the
 * layer's own or a render's) and `redis` (a render's ExternalSecret of the generated password).
 */
export function storeNamespaces(layers: ApplicationLayerSpec[], dataServices: DataServiceName[]): string[] {
  const readers = layers.filter((l) => Object.keys(l.secretEnv).length > 0).map((l) => applicationLayerNames(l).namespace);
  return [...new Set([...readers, ...(dataServices.includes("redis") ? [dataServiceEndpoints.redis.namespace] : [])])].sort();
}

/** Whether Strata makes the Secrets Manager store: `gitops.secretStore` is a ClusterSecretStore and some namespace reads it. */
export function makesSecretsManagerStore(platform: CredentialsPlatform, spec: CredentialsSpec): boolean {
  return platform.secretStore.kind === "ClusterSecretStore" && storeNamespaces(platform.layers, spec.dataServices).length > 0;
}

/** `store`: the Secrets Manager store's region and role ARN (`V`: a render's strings or placeholders, the component's outputs). */
export function credentialsDesiredState<V>(spec: CredentialsSpec, platform: CredentialsPlatform, store: { region: V; roleArn: V }): CredentialsPlan {
  const makesStore = makesSecretsManagerStore(platform, spec);
  return {
    prerequisites: externalSecretsNamespace(platform.vpcCidr),
    chart: externalSecretsChart(spec.replicas, platform.placement),
    store: makesStore ? secretsManagerObjects(platform.secretStore.name, store.region, storeNamespaces(platform.layers, spec.dataServices), store.roleArn) : [],
    dataNamespaces: dataNamespaceObjects(platform.layers, spec),
    rotation: postgresRotation(platform.layers, spec),
  };
}

/** The plan's objects in the order a render lists them (the component registers the same, in this order). */
export function planObjects(plan: CredentialsPlan): KubernetesObject[] {
  return [...plan.prerequisites, ...plan.store, ...dataServiceNames.flatMap((s) => plan.dataNamespaces.get(s) ?? []), ...plan.rotation];
}
