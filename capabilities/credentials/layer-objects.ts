import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceNames, type DataServiceName } from "../../platform/data-services";
import { EXTERNAL_SECRET_API_VERSION, EXTERNAL_SECRET_KIND } from "../../manifests/external-secret";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerLabels, applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";
import { credentialSource, type CredentialSource } from "./sources";
import {
  credentialsSecretName,
  EXTERNAL_SECRETS_CONTROLLER_ACCOUNT,
  EXTERNAL_SECRETS_NAMESPACE,
  readerAccountName,
  ROTATION_ACCOUNT,
  TOKEN_ROLE,
} from "./names";
import type { CredentialsSpec } from "./spec";

/**
 * What a layer's namespace gets for each data service it declares: a SecretStore of External Secrets'
 * Kubernetes provider that reads the data namespace as the layer's own reader account (which may get only
 * this layer's source Secrets there: data-namespace-rbac.ts), and an ExternalSecret that builds the layer's
 * `<service>-credentials` Secret from them. A SecretStore is namespaced: no other namespace can use it.
 */

export const SECRET_STORE_KIND = "SecretStore";

/** The in-cluster API server, which the Kubernetes provider reads the source Secrets from. */
const IN_CLUSTER_API = "https://kubernetes.default.svc";
/** The API server's CA, which Kubernetes publishes in every namespace. */
const API_CA_CONFIG_MAP = { type: "ConfigMap", name: "kube-root-ca.crt", key: "ca.crt" } as const;

/** The data services a layer declares that the stack deploys, in the platform's order. */
export function declaredServices(layer: ApplicationLayerSpec, spec: Pick<CredentialsSpec, "dataServices">): DataServiceName[] {
  return dataServiceNames.filter((s) => layer.dataServices[s] !== undefined && spec.dataServices.includes(s));
}

function readerAccount(layer: ApplicationLayerSpec, service: DataServiceName): KubernetesObject {
  // No pod runs as it: only the operator, with a token it requests for the store.
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: layerObjectMeta(layer, readerAccountName(service)), automountServiceAccountToken: false };
}

/** A store of External Secrets' Kubernetes provider in `namespace`, reading `remoteNamespace` as `account` (of `namespace`). */
export function kubernetesSecretStore(metadata: KubernetesObject["metadata"], remoteNamespace: string, account: string): KubernetesObject {
  return {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: SECRET_STORE_KIND,
    metadata,
    spec: {
      provider: {
        kubernetes: {
          remoteNamespace,
          server: { url: IN_CLUSTER_API, caProvider: { ...API_CA_CONFIG_MAP } },
          auth: { serviceAccount: { name: account } },
        },
      },
    },
  };
}

/** The ExternalSecret that builds a layer's credential Secret: copied keys, then the template's keys merged over them. */
export function credentialsExternalSecret(metadata: KubernetesObject["metadata"] & { labels: Record<string, string> }, source: CredentialSource, refreshInterval: string): KubernetesObject {
  const name = metadata.name;
  return {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: EXTERNAL_SECRET_KIND,
    metadata,
    spec: {
      refreshInterval,
      secretStoreRef: { kind: SECRET_STORE_KIND, name },
      target: {
        name,
        // Owned: deleted with its ExternalSecret, and written again at once when deleted (the rotation job relies on it).
        creationPolicy: "Owner",
        template: { engineVersion: "v2", mergePolicy: "Merge", type: "Opaque", metadata: { labels: { ...metadata.labels } }, data: { ...source.templated } },
      },
      data: source.copied.map((c) => ({ secretKey: c.secretKey, remoteRef: { key: c.secret, property: c.property } })),
    },
  };
}

/**
 * Lets the operator's controller request tokens for this namespace's reader accounts, and only for them (the
 * chart's cluster-wide token permission is off: `rbac.serviceAccountTokenCreate: false`).
 */
export function tokenRequestRbac(namespace: string, labels: Record<string, string>, accounts: string[]): KubernetesObject[] {
  const metadata = { name: TOKEN_ROLE, namespace, labels };
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata,
      rules: [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"], resourceNames: [...accounts].sort() }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...metadata },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: TOKEN_ROLE },
      subjects: [{ kind: "ServiceAccount", name: EXTERNAL_SECRETS_CONTROLLER_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE }],
    },
  ];
}

/**
 * With rotation on for a service the layer reads, the rotation job may delete the layer's credential Secret
 * (External Secrets writes it again at once, from the rotated source) and, with `env` delivery, restart the
 * layer's Deployment: its variables are read when a container starts.
 */
function rotationRbac(layer: ApplicationLayerSpec, services: DataServiceName[], spec: CredentialsSpec): KubernetesObject[] {
  const rotated = services.filter((s) => spec.rotation[s as "postgres"] !== undefined);
  if (!rotated.length) return [];
  const metadata = layerObjectMeta(layer, ROTATION_ACCOUNT);
  const rules: Record<string, unknown>[] = [
    { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch", "delete"], resourceNames: rotated.map(credentialsSecretName) },
  ];
  if (spec.delivery[layer.name] === "env") {
    rules.push({ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"], resourceNames: [applicationLayerNames(layer).workload] });
  }
  return [
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata, rules },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...metadata },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: ROTATION_ACCOUNT },
      subjects: [{ kind: "ServiceAccount", name: ROTATION_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE }],
    },
  ];
}

/** Everything the capability adds to a layer's namespace; nothing for a layer that declares no deployed data service. */
export function layerCredentialObjects(layer: ApplicationLayerSpec, spec: CredentialsSpec): KubernetesObject[] {
  const services = declaredServices(layer, spec);
  if (!services.length) return [];
  const namespace = applicationLayerNames(layer).namespace;
  const perService = services.flatMap((service) => {
    const name = credentialsSecretName(service);
    const source = credentialSource(service, layer.name);
    return [
      readerAccount(layer, service),
      kubernetesSecretStore(layerObjectMeta(layer, name), source.namespace, readerAccountName(service)),
      credentialsExternalSecret(layerObjectMeta(layer, name), source, spec.refreshInterval),
    ];
  });
  return [...tokenRequestRbac(namespace, applicationLayerLabels(layer), services.map(readerAccountName)), ...perService, ...rotationRbac(layer, services, spec)];
}
