import { scalingProblems, type LayerProblem } from "./checks";
import type { ConfigIssue } from "../issues";
import { layerName } from "./schema";
import { isInt, isObject, isString, profileOf, type Raw } from "../raw";
import { isPerTenant, tenantCopyName, withTenantSizes, type SizedLayer } from "./tenancy-resolve";
import { tenantLayerSizesSchema, type TenantLayerSizes } from "./tenancy-schema";

/**
 * Checks of `tenants` against the layers: tenants and per-tenant layers come together, each tenant's sizes
 * fit its copy, the copies' names are valid and unique. (A per-tenant edge layer's hosts are the mesh's
 * check, the copies' databases Postgres's, the copies' anti-affinity against the pools the cluster's.) Like
 * the other checks they read the raw config defensively and report every problem in one pass.
 */

export interface Tenant {
  index: number;
  name: string;
  raw: Raw;
}

/** The raw tenants that have a name, in config order. */
export function rawTenants(raw: Raw): Tenant[] {
  return Array.isArray(raw.tenants) ? raw.tenants.flatMap((t, index): Tenant[] => (isObject(t) && isString(t.name) ? [{ index, name: t.name, raw: t }] : [])) : [];
}

/** The per-tenant layers by name, with their index. */
export function perTenantLayers(layers: Raw[]): Map<string, number> {
  const perTenant = new Map<string, number>();
  layers.forEach((layer, i) => {
    if (isPerTenant(layer) && isString(layer.name)) perTenant.set(layer.name, i);
  });
  return perTenant;
}

export function tenancyIssues(raw: Raw, rawLayers: unknown[], reserved: ReadonlySet<string>): ConfigIssue[] {
  const layers = rawLayers.map((l) => (isObject(l) ? l : {}));
  const perTenant = perTenantLayers(layers);
  if (!Array.isArray(raw.tenants)) {
    // A malformed `tenants` is the schema's to report.
    if (raw.tenants !== undefined) return [];
    return [...perTenant].map(([name, i]) => ({ path: `layers[${i}].tenancy`, message: `layer "${name}" is per-tenant, but no tenants are listed: list them under tenants` }));
  }
  const tenants = rawTenants(raw);
  const issues: ConfigIssue[] = [];
  if (perTenant.size === 0) {
    issues.push({ path: "tenants", message: "no layer is per-tenant: set tenancy: per-tenant on the layers each tenant gets its own copy of" });
  }
  const unique = uniqueTenants(tenants, issues);
  const profile = profileOf(raw);
  for (const tenant of tenants) issues.push(...sizeIssues(tenant, layers, perTenant), ...tenantCopyProblems(tenant, layers, perTenant, (layer) => scalingProblems(layer, profile)));
  issues.push(...copyNameIssues(unique, layers, perTenant, reserved));
  return issues;
}

/** Tenants by first occurrence of their name (later ones are duplicates, reported by tenancyIssues). */
export function uniqueTenantsOf(tenants: Tenant[]): Tenant[] {
  return uniqueTenants(tenants, []);
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

/** Each `tenants[i].layers` key names a per-tenant layer, and sizes only what the layer has. */
function sizeIssues(tenant: Tenant, layers: Raw[], perTenant: Map<string, number>): ConfigIssue[] {
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
  }
  return issues;
}

/**
 * A tenant's copies pass what their layers pass: `problems` (the checks of any layer: the scaling checks
 * here; the cluster's anti-affinity node count) on the layer with the tenant's sizes over it, reporting
 * only what the sizes changed, at the tenant's key.
 */
export function tenantCopyProblems(tenant: Tenant, layers: Raw[], perTenant: Map<string, number>, problems: (layer: Raw) => LayerProblem[]): ConfigIssue[] {
  if (!isObject(tenant.raw.layers)) return [];
  const issues: ConfigIssue[] = [];
  for (const [name, sizes] of Object.entries(tenant.raw.layers)) {
    const at = `tenants[${tenant.index}].layers.${name}`;
    const j = perTenant.get(name);
    if (j === undefined || !isObject(sizes)) continue;
    const layer = layers[j];
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
function copyNameIssues(tenants: Tenant[], layers: Raw[], perTenant: Map<string, number>, reserved: ReadonlySet<string>): ConfigIssue[] {
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
      if (reserved.has(copy)) issues.push({ path, message: `${named}, a reserved namespace` });
      const other = taken.get(copy);
      if (other) issues.push({ path, message: `${named}, which is also ${other} name` });
      else taken.set(copy, `tenant "${tenant.name}"'s copy of "${layer}"'s`);
    }
  }
  return issues;
}


