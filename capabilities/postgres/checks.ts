import type { CheckContext } from "../../config/capability-config";
import { dataServiceDeployed, dataServiceReferenceIssues, serviceSection } from "../../config/data-services";
import type { ConfigIssue } from "../../config/issues";
import { perTenantLayers, rawTenants, uniqueTenantsOf, type Tenant } from "../../config/layers/tenancy-checks";
import { tenantCopyName } from "../../config/layers/tenancy-resolve";
import { dnsLabel } from "../../config/primitives";
import { asArray, isInt, isObject, isString, type Raw } from "../../config/raw";
import { cluster, clusterMode } from "../cluster";
import { postgresDefaults, postgresProfileDefaults } from "./defaults";

/**
 * Postgres's checks that relate several keys, or a key and a default: HA in prod, backups in
 * existing-cluster mode, and one database per tenant. They read the raw config defensively.
 */
export function postgresIssues(context: CheckContext): ConfigIssue[] {
  const issues = dataServiceReferenceIssues("postgres", context);
  // The mode as resolved, else as written: the cluster resolves only when nothing else is wrong.
  const mode = context.resolved.of(cluster)?.mode ?? clusterMode(context.raw);
  if (dataServiceDeployed(context.raw, "postgres", context.layers)) issues.push(...postgresSectionIssues(serviceSection(context.raw, "postgres"), context, mode));
  if (Array.isArray(context.raw.tenants)) {
    const layers = context.layers.map((l) => (isObject(l) ? l : {}));
    issues.push(...databaseIssues(uniqueTenantsOf(rawTenants(context.raw)), layers, perTenantLayers(layers)));
  }
  return issues;
}

/** The fewest Postgres instances prod runs: a primary and two replicas (seeds 000, 002). */
export const MIN_PROD_POSTGRES_INSTANCES = 3;
/** The fewest pgBouncers prod runs: one may be drained while the other serves. */
export const MIN_PROD_PGBOUNCERS = 2;

function postgresSectionIssues(postgres: Raw, context: CheckContext, clusterMode: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const defaults = postgresProfileDefaults[context.profile];
  const instancesGiven = Array.isArray(postgres.instances);
  const sets = instancesGiven ? (postgres.instances as unknown[]) : [{ name: postgresDefaults.instanceSetName, replicas: defaults.replicas }];
  const total = sets.reduce<number>((sum, s) => sum + (isObject(s) && isInt(s.replicas) ? s.replicas : 0), 0);
  const allCounted = sets.every((s) => isObject(s) && isInt(s.replicas));
  const seen = new Map<string, number>();
  sets.forEach((s, i) => {
    if (!isObject(s) || !isString(s.name)) return;
    if (seen.has(s.name)) issues.push({ path: `postgres.instances[${i}].name`, message: `instance set "${s.name}" is defined twice (also postgres.instances[${seen.get(s.name)}])` });
    else seen.set(s.name, i);
  });
  if (context.profile === "prod" && allCounted && sets.length > 0 && total < MIN_PROD_POSTGRES_INSTANCES) {
    issues.push({ path: "postgres.instances", message: `prod runs at least ${MIN_PROD_POSTGRES_INSTANCES} Postgres instances in total (a primary and 2 replicas); got ${total}` });
  }
  const sync = typeof postgres.synchronousReplication === "boolean" ? postgres.synchronousReplication : defaults.synchronousReplication;
  if (sync && allCounted && sets.length > 0 && total < 2) {
    const source = typeof postgres.synchronousReplication === "boolean" ? "synchronousReplication" : `synchronousReplication (the ${context.profile} profile's default)`;
    issues.push({ path: "postgres.synchronousReplication", message: `${source} needs a replica to commit to: ${total} instance in total` });
  }
  const pgBouncer = isObject(postgres.pgBouncer) ? postgres.pgBouncer : {};
  if (context.profile === "prod" && isInt(pgBouncer.replicas) && pgBouncer.replicas < MIN_PROD_PGBOUNCERS) {
    issues.push({ path: "postgres.pgBouncer.replicas", message: `prod runs at least ${MIN_PROD_PGBOUNCERS} pgBouncers (got ${pgBouncer.replicas})` });
  }
  const extensions = asArray(postgres.extensions);
  extensions.forEach((e, i) => {
    if (isString(e) && extensions.indexOf(e) !== i) issues.push({ path: `postgres.extensions[${i}]`, message: `extension "${e}" is listed twice` });
  });
  issues.push(...backupIssues(isObject(postgres.backups) ? postgres.backups : {}, context, clusterMode));
  return issues;
}

function backupIssues(backups: Raw, context: CheckContext, clusterMode: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const second = isObject(backups.secondRepository) ? backups.secondRepository : undefined;
  if (clusterMode === "existing") {
    if (backups.roleArn === undefined) {
      issues.push({
        path: "postgres.backups.roleArn",
        message: "an existing cluster gets no AWS resources from Strata: name the IAM role pgBackRest assumes (trusting the postgres namespace's strata-instance and strata-pgbackrest service accounts)",
      });
    }
    if (backups.region === undefined && context.awsRegion === undefined) {
      issues.push({ path: "postgres.backups.region", message: "the backup bucket's region is needed: set it here or set aws:region" });
    }
    if (second && second.bucket === undefined) {
      issues.push({ path: "postgres.backups.secondRepository.bucket", message: "an existing cluster gets no buckets from Strata: name the second repository's bucket" });
    }
  } else if (clusterMode === "eks" && backups.roleArn !== undefined) {
    issues.push({ path: "postgres.backups.roleArn", message: "in EKS mode Strata makes pgBackRest's role itself (IRSA); roleArn is for existing clusters" });
  }
  if (second && isString(second.bucket) && second.region === undefined && clusterMode === "eks") {
    // A named bucket: Strata does not look it up, so the region must be known.
    if (context.awsRegion === undefined) issues.push({ path: "postgres.backups.secondRepository.region", message: "give the named bucket's region" });
  }
  return issues;
}

/**
 * Each copy's database (its declared one as `<tenant>-<database>`, else the copy's name) is a valid name,
 * and no database is used by two tenants, or by a tenant and a shared layer: every layer's user gets ALL on
 * its database. (Shared layers may share one; so may one tenant's copies.)
 */
function databaseIssues(tenants: Tenant[], layers: Raw[], perTenant: Map<string, number>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const postgresOf = (layer: Raw) => (isObject(layer.dataServices) ? layer.dataServices.postgres : undefined);
  const declared = (layer: Raw) => {
    const postgres = postgresOf(layer);
    return isObject(postgres) && isString(postgres.database) ? postgres.database : undefined;
  };
  const users = new Map<string, { tenant?: string; who: string }>();
  layers.forEach((layer, j) => {
    if (!isString(layer.name) || perTenant.has(layer.name) || postgresOf(layer) === undefined) return;
    const database = declared(layer) ?? layer.name;
    if (!users.has(database)) users.set(database, { who: `the shared layer "${layer.name}" (layers[${j}])` });
  });
  for (const tenant of tenants) {
    for (const [layer, j] of perTenant) {
      if (postgresOf(layers[j]) === undefined) continue;
      const own = declared(layers[j]);
      const database = tenantCopyName(tenant.name, own ?? layer);
      const who = `tenant "${tenant.name}"'s copy of layer "${layer}"`;
      const path = `tenants[${tenant.index}].name`;
      const invalid = own !== undefined ? dnsLabel.safeParse(database) : undefined;
      if (invalid && !invalid.success) {
        issues.push({ path, message: `${who} uses the database "${database}" (layers[${j}].dataServices.postgres.database), which ${invalid.error.issues.map((i) => i.message).join("; ")}` });
        continue;
      }
      const other = users.get(database);
      if (!other) users.set(database, { tenant: tenant.name, who });
      else if (other.tenant !== tenant.name) {
        issues.push({ path, message: `${who} uses the database "${database}", as does ${other.who}: no tenant shares a database with another tenant or a shared layer` });
      }
    }
  }
  return issues;
}
