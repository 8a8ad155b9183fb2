import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, type DataServiceName } from "../../platform/data-services";
import { EXTERNAL_SECRET_API_VERSION, EXTERNAL_SECRET_KIND } from "../../manifests/external-secret";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerNames } from "../../manifests/layer-names";
import { declaredServices, kubernetesSecretStore, tokenRequestRbac } from "./layer-objects";
import { credentialsLabels, POSTGRES_CA_PUBLISHER, POSTGRES_CA_SECRET, readerAccountName, readerRoleName } from "./names";
import { credentialSource, postgresClusterCertSecret, sourceSecrets } from "./sources";
import type { CredentialsSpec } from "./spec";

/**
 * What the capability puts in the data namespaces: for each layer that declares the service, a Role that may
 * `get` exactly that layer's source Secrets (by name) and its binding to the layer's reader account; and, in
 * the postgres namespace, the publisher of Postgres's CA without the server's key.
 */

function readerRbac(service: DataServiceName, layer: ApplicationLayerSpec): KubernetesObject[] {
  const layerNamespace = applicationLayerNames(layer).namespace;
  const metadata = { name: readerRoleName(layerNamespace), namespace: dataServiceEndpoints[service].namespace, labels: credentialsLabels };
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata,
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: sourceSecrets(credentialSource(service, layer.name)) }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...metadata },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: metadata.name },
      subjects: [{ kind: "ServiceAccount", name: readerAccountName(service), namespace: layerNamespace }],
    },
  ];
}

/**
 * PGO keeps the cluster's CA in `<cluster>-cluster-cert` beside the server certificate's private key, which no
 * layer may read. An ExternalSecret in the postgres namespace copies the CA alone into `strata-postgres-ca`,
 * through a store whose account may read that one Secret; the layers' readers read the copy.
 */
function postgresCaPublisher(spec: CredentialsSpec): KubernetesObject[] {
  const namespace = dataServiceEndpoints.postgres.namespace;
  const meta = (name: string) => ({ name, namespace, labels: credentialsLabels });
  const publisher = meta(POSTGRES_CA_PUBLISHER);
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: publisher, automountServiceAccountToken: false },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { ...publisher },
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: [postgresClusterCertSecret()] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...publisher },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: POSTGRES_CA_PUBLISHER },
      subjects: [{ kind: "ServiceAccount", name: POSTGRES_CA_PUBLISHER, namespace }],
    },
    ...tokenRequestRbac(namespace, credentialsLabels, [POSTGRES_CA_PUBLISHER]),
    kubernetesSecretStore(meta(POSTGRES_CA_PUBLISHER), namespace, POSTGRES_CA_PUBLISHER),
    {
      apiVersion: EXTERNAL_SECRET_API_VERSION,
      kind: EXTERNAL_SECRET_KIND,
      metadata: meta(POSTGRES_CA_SECRET),
      spec: {
        refreshInterval: spec.refreshInterval,
        secretStoreRef: { kind: "SecretStore", name: POSTGRES_CA_PUBLISHER },
        target: { name: POSTGRES_CA_SECRET, creationPolicy: "Owner" },
        data: [{ secretKey: "ca.crt", remoteRef: { key: postgresClusterCertSecret(), property: "ca.crt" } }],
      },
    },
  ];
}

/** The data namespaces' objects, by data service (only services some deployed layer declares). */
export function dataNamespaceObjects(layers: ApplicationLayerSpec[], spec: CredentialsSpec): Map<DataServiceName, KubernetesObject[]> {
  const byService = new Map<DataServiceName, KubernetesObject[]>();
  for (const layer of layers) {
    for (const service of declaredServices(layer, spec)) byService.set(service, [...(byService.get(service) ?? []), ...readerRbac(service, layer)]);
  }
  const postgres = byService.get("postgres");
  if (postgres) byService.set("postgres", [...postgresCaPublisher(spec), ...postgres]);
  return byService;
}
