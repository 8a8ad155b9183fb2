import type { PostgresSpec } from "./spec";
import type { ApplicationLayerSpec, PlacementSpec } from "../../config/layers/spec";
import { statefulPlacement } from "../../manifests/data/placement";
import { usersOf } from "../../manifests/data/network-policies";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { IRSA_ROLE_ANNOTATION, pgBackRestSection, type BackupTargets } from "./backups";
import { INIT_SQL_CONFIG_MAP, INIT_SQL_KEY, PGBOUNCER_ROLE, PGO_AUTO_CREATE_USER_SCHEMA, pgoLabels, POSTGRES_CLUSTER, POSTGRES_NAMESPACE, postgresUserName } from "./names";
import { dataPodMeshAnnotations } from "../../manifests/data/namespaces";

export const PGO_API_VERSION = "postgres-operator.crunchydata.com/v1beta1";

/** A layer's database: the one it declares, else its own name. */
export function layerDatabase(layer: ApplicationLayerSpec): string {
  return layer.dataServices.postgres?.database ?? layer.name;
}

/**
 * Resources of PGO's small helper containers (certificate copy, pgBackRest's and pgBouncer's config
 * reloaders): requests and a memory limit, like every container.
 */
const HELPER_RESOURCES = { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } };
/** The pgBackRest sidecar of each instance: its TLS server serves the repository to backup jobs. */
const PGBACKREST_SIDECAR_RESOURCES = { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } };

function placementFields(selector: Record<string, string>, placement: PlacementSpec) {
  const p = statefulPlacement(selector, placement);
  return { affinity: p.affinity, tolerations: p.tolerations, topologySpreadConstraints: p.topologySpreadConstraints };
}

/**
 * The PostgresCluster: instance sets (one pod per host, spread over zones, on the stateful pool), Patroni
 * synchronous mode when asked (through `patroni.dynamicConfiguration`: the CRD rejects
 * `synchronous_standby_names` in `config.parameters`), pgBouncer, pgBackRest to S3 through web identity,
 * a user and database per layer that uses Postgres, extensions created by the init SQL, the exporter.
 */
export function postgresCluster<V>(spec: PostgresSpec, layers: ApplicationLayerSpec[], labels: Record<string, string>, placement: PlacementSpec, backups: BackupTargets<V>): KubernetesObject {
  const cluster = { [pgoLabels.cluster]: POSTGRES_CLUSTER };
  // Alphanumeric passwords: the layers' connection URIs are built from them (capabilities/credentials) and need no escaping.
  const users = usersOf("postgres", layers).map((layer) => ({
    name: postgresUserName(layer.name),
    databases: [layerDatabase(layer)],
    options: "NOSUPERUSER NOCREATEROLE",
    password: { type: "AlphaNumeric" },
  }));
  return {
    apiVersion: PGO_API_VERSION,
    kind: "PostgresCluster",
    // Each layer's user gets a schema of its own name in its database (PGO's AutoCreateUserSchema, on by
    // default since 5.6.2, acts on this annotation): from Postgres 15 on, no user may create in `public`.
    metadata: { name: POSTGRES_CLUSTER, namespace: POSTGRES_NAMESPACE, labels, annotations: { [PGO_AUTO_CREATE_USER_SCHEMA]: "true" } },
    spec: {
      postgresVersion: spec.version,
      // On every object PGO makes: its service accounts (their pods get the pgBackRest role) and its pods.
      metadata: { annotations: { [IRSA_ROLE_ANNOTATION]: backups.roleArn, ...dataPodMeshAnnotations("postgres") } },
      instances: spec.instances.map((set) => ({
        name: set.name,
        replicas: set.replicas,
        dataVolumeClaimSpec: {
          accessModes: ["ReadWriteOnce"],
          ...(set.storage.storageClass ? { storageClassName: set.storage.storageClass } : {}),
          resources: { requests: { storage: set.storage.size } },
        },
        resources: set.resources,
        sidecars: { replicaCertCopy: { resources: HELPER_RESOURCES } },
        ...placementFields({ ...cluster, [pgoLabels.instanceSet]: set.name }, placement),
      })),
      ...(spec.synchronousReplication
        ? { patroni: { dynamicConfiguration: { synchronous_mode: true, postgresql: { parameters: { synchronous_commit: "on" } } } } }
        : {}),
      users,
      ...(spec.extensions.length && users.length ? { databaseInitSQL: { name: INIT_SQL_CONFIG_MAP, key: INIT_SQL_KEY } } : {}),
      backups: pgBackRestSection(
        spec,
        backups,
        { affinity: { nodeAffinity: statefulPlacement(cluster, placement).affinity.nodeAffinity }, tolerations: statefulPlacement(cluster, placement).tolerations },
        { pgbackrest: { resources: PGBACKREST_SIDECAR_RESOURCES }, pgbackrestConfig: { resources: HELPER_RESOURCES } },
      ),
      proxy: {
        pgBouncer: {
          replicas: spec.pgBouncer.replicas,
          resources: spec.pgBouncer.resources,
          sidecars: { pgbouncerConfig: { resources: HELPER_RESOURCES } },
          ...placementFields({ ...cluster, [pgoLabels.role]: PGBOUNCER_ROLE }, placement),
        },
      },
      monitoring: { pgmonitor: { exporter: { resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } } } } },
    },
  };
}

/** Quotes an identifier for SQL and psql's \c ("l2-dialogue" needs quotes). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The SQL PGO runs once on the new cluster: the extensions, in every layer's database (and template1, so
 * databases made later have them too).
 */
export function initSql(spec: PostgresSpec, layers: ApplicationLayerSpec[]): string {
  const create = spec.extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(e)};`);
  const databases = ["template1", ...new Set(usersOf("postgres", layers).map(layerDatabase))];
  return databases.flatMap((db) => [`\\c ${quoteIdentifier(db)}`, ...create]).join("\n") + "\n";
}

/** The ConfigMap holding the init SQL, when there are extensions to create. */
export function initSqlConfigMap(spec: PostgresSpec, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  if (!spec.extensions.length || !usersOf("postgres", layers).length) return [];
  return [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: INIT_SQL_CONFIG_MAP, namespace: POSTGRES_NAMESPACE, labels }, data: { [INIT_SQL_KEY]: initSql(spec, layers) } }];
}
