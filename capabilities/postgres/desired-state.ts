import type { DataServicePlatform, PostgresSpec } from "./spec";
import { dataLayerMeshObjects } from "../../manifests/data/mesh-policies";
import { dataLayerLabels, dataLayerNamespaces } from "../../manifests/data/namespaces";
import type { DataLayerPlan } from "../../manifests/data/plan";
import type { BackupTargets } from "./backups";
import { initSqlConfigMap, postgresCluster } from "./cluster";
import { pgBackRestPods } from "./names";
import { pgoOperatorChart } from "./operator";

export { backupTargetsFrom, IRSA_ROLE_ANNOTATION, PGBACKREST_ROLE, pgBackRestPolicy, s3Endpoint, type BackupTargets } from "./backups";
export { layerDatabase, initSql } from "./cluster";
export { pgBackRestServiceAccounts, pgBouncerHost, POSTGRES_CLUSTER, POSTGRES_NAMESPACE, POSTGRES_PORT, primaryHost, userSecretName } from "./names";

/**
 * The desired state of the Postgres layer: PGO's release, its and Postgres's namespaces with their network
 * rules, the init SQL, and the PostgresCluster. `backups` says where the repositories are (strings for a
 * rendered tree, Pulumi outputs in the component); everything else is plain data from the spec.
 */
export function postgresDesiredState<V>(spec: PostgresSpec, platform: DataServicePlatform, backups: BackupTargets<V>): DataLayerPlan {
  const labels = dataLayerLabels("postgres");
  const plan: DataLayerPlan = {
    prerequisites: [...structuredClone(dataLayerNamespaces("postgres", platform, pgBackRestPods())), ...initSqlConfigMap(spec, platform.layers, labels)],
    operator: structuredClone(pgoOperatorChart(platform.profile)),
    customResources: [postgresCluster(structuredClone(spec), platform.layers, labels, platform.placement, backups)],
    meshObjects: structuredClone(dataLayerMeshObjects("postgres", platform.layers, labels)),
    generatedSecrets: [],
  };
  return plan;
}

