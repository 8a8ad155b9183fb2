import { RESERVED_NAMESPACES, scalingProblems, type LayerProblem } from "./checks";
import { clusterMode } from "../../capabilities/cluster/checks";
import type { ConfigIssue } from "../issues";
import { layerName } from "./schema";
import { antiAffinityProblems } from "../../capabilities/cluster/pool-capacity-checks";
import { dnsLabel } from "../primitives";
import { asArray, isInt, isObject, isString, layersOf, profileOf, type Raw } from "../raw";
import { isPerTenant, tenantCopyName, withTenantSizes, type SizedLayer } from "./tenancy-resolve";
import { tenantLayerSizesSchema, type TenantLayerSizes } from "./tenancy-schema";

/**
 * Checks of `tenants` against the layers: tenants and per-tenant layers come together, each tenant's sizes
 * fit its copy, the copies' names are valid and unique, and a per-tenant edge layer gets each tenant's own
 * hosts. Like the other checks they read the raw config defensively and report every problem in one pass.
 */

interface Tenant {
  index: number;
  name: string;
  raw: Raw;
}

export function tenancyIssues(raw: unknown, defaultLayers: unknown[]): ConfigIssue[] {
  if (!isObject(raw)) return [];
  const layers = layersOf(raw, defaultLayers).map((l) => (isObject(l) ? l : {}));
  const perTenant = new Map<string, number>();
  layers.forEach((layer, i) => {
    if (isPerTenant(layer) && isString(layer.name)) perTenant.set(layer.name, i);
  });
  if (!Array.isArray(raw.tenants)) {
    // A malformed `tenants` is the schema's to report.
    if (raw.tenants !== undefined) return [];
    return [...perTenant].map(([name, i]) => ({ path: `layers[${i}].tenancy`, message: `layer "${name}" is per-tenant, but no tenants are listed: list them under tenants` }));
  }
  const tenants = raw.tenants.flatMap((t, index): Tenant[] => (isObject(t) && isString(t.name) ? [{ index, name: t.name, raw: t }] : []));
  const issues: ConfigIssue[] = [];
  if (perTenant.size === 0) {
    issues.push({ path: "tenants", message: "no layer is per-tenant: set tenancy: per-tenant on the layers each tenant gets its own copy of" });
  }
  const unique = uniqueTenants(tenants, issues);
  const profile = profileOf(raw);
  // A copy's sizes must pass what the layer's own pass: the scaling checks, and (an EKS cluster states its
  // pools' sizes) the anti-affinity's node count.
  const eks = clusterMode(raw) === "eks";
  const cluster = isObject(raw.cluster) ? raw.cluster : {};
  const problems = (layer: Raw): LayerProblem[] => [...scalingProblems(layer, profile), ...(eks ? antiAffinityProblems(cluster, layer, profile) : [])];
  for (const tenant of tenants) issues.push(...sizeIssues(tenant, layers, perTenant, problems));
  issues.push(...copyNameIssues(unique, layers, perTenant), ...databaseIssues(unique, layers, perTenant), ...edgeIssues(raw, layers, tenants, perTenant));
  return issues;
}

/** Tenants by first occurrence of their name; later ones are reported as duplicates. */
function uniqueTenants(tenants: Tenant[], issues: ConfigIssue[]): Tenant[] {
  const first = new Map<string, Tenant>();
  for (const tenant of tenants) {
    const seen = first.get(tenant.name);
    if (seen) issues.push({ path: `tenants[${tenant.index}].name`, message: `duplicate tenant name "${tenant.name}" (also tenants[${seen.index}])` });
    else first.set(tenant.name, tenant);
  }
  return [...first.values()];
}

/** Keys a tenant may size (replicas, autoscaling, quota): its problems are reported at the tenant's key. */
const TENANT_SIZE_KEYS = new Set(Object.keys(tenantLayerSizesSchema.shape));

/**
 * Each `tenants[i].layers` key names a per-tenant layer, and the copy it sizes is consistent: the checks
 * of any layer, on the layer with the tenant's sizes over it, reporting only what the sizes changed.
 */
function sizeIssues(tenant: Tenant, layers: Raw[], perTenant: Map<string, number>, problems: (layer: Raw) => LayerProblem[]): ConfigIssue[] {
  if (!isObject(tenant.raw.layers)) return [];
  const issues: ConfigIssue[] = [];
  for (const [name, sizes] of Object.entries(tenant.raw.layers)) {
    const at = `tenants[${tenant.index}].layers.${name}`;
    const j = perTenant.get(name);
    if (j === undefined) {
      const isLayer = layers.some((l) => l.name === name);
      const known = `per-tenant layers are: ${[...perTenant.keys()].join(", ") || "none"}`;
      issues.push({ path: at, message: isLayer ? `"${name}" is a shared layer: only per-tenant layers are sized per tenant; ${known}` : `"${name}" is not a layer; ${known}` });
      continue;
    }
    if (!isObject(sizes)) continue;
    const layer = layers[j];
    if (isObject(sizes.autoscaling) && !isObject(layer.autoscaling)) {
      issues.push({ path: `${at}.autoscaling`, message: `layer "${name}" has no autoscaler (layers[${j}].autoscaling): a tenant may change its bounds, not add one` });
    }
    if (isInt(sizes.replicas) && isObject(layer.autoscaling) && isInt(layer.autoscaling.minReplicas) && !(isObject(sizes.autoscaling) && isInt(sizes.autoscaling.minReplicas))) {
      issues.push({
        path: `${at}.replicas`,
        message: `layer "${name}"'s autoscaler sets its minimum (layers[${j}].autoscaling.minReplicas), which these replicas would not change: size the copy with autoscaling.minReplicas and maxReplicas`,
      });
    }
    const own = new Set(problems(layer).map((p) => `${p.key}\u0000${p.message}`));
    // Raw values: the merge spreads what is there; a malformed value is the schema's to report.
    const copy = withTenantSizes(layer as SizedLayer, sizes as TenantLayerSizes) as Raw;
    for (const p of problems(copy)) {
      if (own.has(`${p.key}\u0000${p.message}`)) continue;
      issues.push(
        TENANT_SIZE_KEYS.has(p.key.split(".")[0])
          ? { path: `${at}.${p.key}`, message: p.message }
          : { path: at, message: `layers[${j}].${p.key} with these sizes: ${p.message}` },
      );
    }
  }
  return issues;
}

/** Each copy's name (`<tenant>-<layer>`) is a valid layer name, no reserved namespace, and no other layer's. */
function copyNameIssues(tenants: Tenant[], layers: Raw[], perTenant: Map<string, number>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const taken = new Map<string, string>();
  layers.forEach((l, i) => {
    if (isString(l.name) && !perTenant.has(l.name)) taken.set(l.name, `layers[${i}]'s`);
  });
  for (const tenant of tenants) {
    for (const layer of perTenant.keys()) {
      const copy = tenantCopyName(tenant.name, layer);
      const named = `tenant "${tenant.name}"'s copy of layer "${layer}" is named "${copy}"`;
      const path = `tenants[${tenant.index}].name`;
      const invalid = layerName.safeParse(copy);
      if (!invalid.success) issues.push({ path, message: `${named}, which ${invalid.error.issues.map((i) => i.message).join("; ")}` });
      if (RESERVED_NAMESPACES.has(copy)) issues.push({ path, message: `${named}, a reserved namespace` });
      const other = taken.get(copy);
      if (other) issues.push({ path, message: `${named}, which is also ${other} name` });
      else taken.set(copy, `tenant "${tenant.name}"'s copy of "${layer}"'s`);
    }
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

/** Whether a request for some host could match both gateway hosts (exact names, `*.` wildcards, `*`). */
export function hostsOverlap(a: string, b: string): boolean {
  const covers = (pattern: string, host: string) => pattern === "*" || pattern === host || (pattern.startsWith("*.") && host.endsWith(pattern.slice(1)));
  return covers(a, b) || covers(b, a);
}

/**
 * A per-tenant edge layer: the gateway routes each tenant's hosts to its copy, so every tenant names its
 * hosts, no host could reach two tenants, and the gateway's own hosts would route nowhere. A shared edge
 * layer: tenants name no hosts.
 */
function edgeIssues(raw: Raw, layers: Raw[], tenants: Tenant[], perTenant: Map<string, number>): ConfigIssue[] {
  const gateway = isObject(raw.mesh) && isObject(raw.mesh.gateway) ? raw.mesh.gateway : {};
  const edge = isString(gateway.edgeLayer) ? gateway.edgeLayer : layers[0]?.name;
  if (!isString(edge)) return [];
  const source = isString(gateway.edgeLayer) ? `the edge layer "${edge}" (mesh.gateway.edgeLayer)` : `the edge layer "${edge}" (the first layer, by default)`;
  const issues: ConfigIssue[] = [];
  if (!perTenant.has(edge)) {
    for (const t of tenants.filter((t) => t.raw.hosts !== undefined)) {
      issues.push({ path: `tenants[${t.index}].hosts`, message: `a tenant's hosts route to its copy of a per-tenant edge layer, but ${source} is shared: its hosts are mesh.gateway.hosts` });
    }
    return issues;
  }
  if (gateway.hosts !== undefined) {
    issues.push({ path: "mesh.gateway.hosts", message: `${source} is per-tenant: the gateway serves each tenant's hosts (tenants[i].hosts) and these would route nowhere` });
  }
  const claimed: { host: string; tenant: Tenant; k: number }[] = [];
  for (const tenant of tenants) {
    if (tenant.raw.hosts === undefined) {
      issues.push({ path: `tenants[${tenant.index}].hosts`, message: `${source} is per-tenant: name the hosts the gateway routes to tenant "${tenant.name}"'s copy` });
    }
    asArray(tenant.raw.hosts).forEach((host, k) => {
      if (!isString(host)) return;
      for (const other of claimed.filter((c) => c.tenant.name !== tenant.name && hostsOverlap(c.host, host))) {
        issues.push({
          path: `tenants[${tenant.index}].hosts[${k}]`,
          message: `"${host}" overlaps "${other.host}" of tenant "${other.tenant.name}" (tenants[${other.tenant.index}].hosts[${other.k}]): a request could reach either tenant`,
        });
      }
      claimed.push({ host, tenant, k });
    });
  }
  return issues;
}
