import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import { dataServiceEndpoints } from "../../platform/data-services";

/** Names of the Postgres layer's objects, and the names PGO derives from them (services, secrets, accounts). */

export const POSTGRES_NAMESPACE = dataServiceEndpoints.postgres.namespace;
export const POSTGRES_CLUSTER = "strata";
export const POSTGRES_PORT = dataServiceEndpoints.postgres.ports[0].port;
export const INIT_SQL_CONFIG_MAP = "strata-init-sql";
export const INIT_SQL_KEY = "init.sql";

/** Labels PGO puts on the cluster's pods. */
export const pgoLabels = {
  cluster: "postgres-operator.crunchydata.com/cluster",
  instanceSet: "postgres-operator.crunchydata.com/instance-set",
  role: "postgres-operator.crunchydata.com/role",
} as const;

/** The role label of pgBouncer's pods. */
export const PGBOUNCER_ROLE = "pgbouncer";

/**
 * The cluster's pods that run pgBackRest against S3: instances (WAL archiving, in the database container)
 * and backup and restore jobs, i.e. every pod of the cluster but pgBouncer's.
 */
export function pgBackRestPods(): ILabelSelector {
  return {
    matchExpressions: [
      { key: pgoLabels.cluster, operator: "In", values: [POSTGRES_CLUSTER] },
      { key: pgoLabels.role, operator: "NotIn", values: [PGBOUNCER_ROLE] },
    ],
  };
}

/** The Service in front of the current primary. */
export function primaryHost(): string {
  return `${POSTGRES_CLUSTER}-primary.${POSTGRES_NAMESPACE}.svc`;
}

/** The pgBouncer Service (the address applications should use). */
export function pgBouncerHost(): string {
  return `${POSTGRES_CLUSTER}-pgbouncer.${POSTGRES_NAMESPACE}.svc`;
}

/** A layer's Postgres user (its name: PGO requires a DNS label, which layer names are). */
export function postgresUserName(layer: string): string {
  return layer;
}

/** The Secret PGO writes a user's credentials and connection URIs to (`<cluster>-pguser-<user>`). */
export function userSecretName(layer: string): string {
  return `${POSTGRES_CLUSTER}-pguser-${postgresUserName(layer)}`;
}

/**
 * The service accounts PGO runs the cluster's pods under: instances (WAL archiving to S3), backup jobs and
 * the repository host. The pgBackRest role must trust all three.
 */
export function pgBackRestServiceAccounts(): { namespace: string; name: string }[] {
  return ["instance", "pgbackrest", "repohost"].map((suffix) => ({ namespace: POSTGRES_NAMESPACE, name: `${POSTGRES_CLUSTER}-${suffix}` }));
}

/** The PostgresCluster annotation that has PGO create a schema owned by each user in each of its databases. */
export const PGO_AUTO_CREATE_USER_SCHEMA = "postgres-operator.crunchydata.com/autoCreateUserSchema";
