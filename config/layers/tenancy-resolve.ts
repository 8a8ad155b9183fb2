import type { ApplicationLayerInput } from "./schema";
import type { TenantConfig, TenantLayerSizes } from "./tenancy-schema";

/**
 * Tenancy resolves to plain layers: each per-tenant layer becomes one copy per tenant, and every
 * desired-state function (network and mesh policies, monitors, Kafka and Postgres users, quotas, outputs)
 * then works on the copies as on any other layer.
 */

/** The name of a tenant's own copy of something (a layer: its namespace, workload, account; a database). */
export function tenantCopyName(tenant: string, name: string): string {
  return `${tenant}-${name}`;
}

export function isPerTenant(layer: { tenancy?: unknown }): boolean {
  return layer.tenancy === "per-tenant";
}

export type SizedLayer = Pick<ApplicationLayerInput, "replicas" | "autoscaling" | "quota">;

/**
 * A layer with a tenant's sizes over its own: replicas, the autoscaler's bounds (only of an autoscaler
 * the layer has), quota overrides (the layer's, then the tenant's; the rest is derived from the sizes).
 */
export function withTenantSizes<L extends SizedLayer>(layer: L, sizes: TenantLayerSizes = {}): L {
  return {
    ...layer,
    ...(sizes.replicas !== undefined ? { replicas: sizes.replicas } : {}),
    ...(layer.autoscaling && sizes.autoscaling ? { autoscaling: { ...layer.autoscaling, ...sizes.autoscaling } } : {}),
    ...(sizes.quota ? { quota: { ...layer.quota, ...sizes.quota } } : {}),
  };
}

/** A layer as deployed, and the tenant whose copy it is (absent: a shared layer). */
export interface DeployedLayer<L> {
  layer: L;
  tenant?: string;
}

export type TenantableLayer = SizedLayer & { name: string; tenancy?: string; peers?: string[]; dependsOn?: string[]; dataServices?: { postgres?: { database?: string } } };

/**
 * The layers as deployed: each per-tenant layer replaced, where it stands, by one copy per tenant (in
 * tenant order). Peers and startup dependencies follow the tenant: a copy's per-tenant peer is the same
 * tenant's copy, a shared layer's per-tenant peer is every tenant's copy; shared peers (and data services) stay. A copy's declared Postgres database is
 * the tenant's own (`<tenant>-<database>`; undeclared, it is the copy's name), so no two tenants share one.
 */
export function expandTenants<L extends TenantableLayer>(layers: L[], tenants: TenantConfig[] = []): DeployedLayer<L>[] {
  const perTenant = new Set(layers.filter(isPerTenant).map((l) => l.name));
  const followTenant = (names: string[] | undefined, tenant?: string): string[] | undefined =>
    names?.flatMap((name) => {
      if (!perTenant.has(name)) return [name];
      return tenant ? [tenantCopyName(tenant, name)] : tenants.map((t) => tenantCopyName(t.name, name));
    });
  const related = (layer: L, tenant?: string) => ({
    ...(layer.peers ? { peers: followTenant(layer.peers, tenant) } : {}),
    ...(layer.dependsOn ? { dependsOn: followTenant(layer.dependsOn, tenant) } : {}),
  });
  return layers.flatMap((layer): DeployedLayer<L>[] => {
    if (!perTenant.has(layer.name)) return [{ layer: { ...layer, ...related(layer) } }];
    return tenants.map((tenant) => {
      const postgres = layer.dataServices?.postgres;
      const copy: L = {
        ...withTenantSizes(layer, tenant.layers?.[layer.name]),
        name: tenantCopyName(tenant.name, layer.name),
        ...related(layer, tenant.name),
        ...(postgres?.database ? { dataServices: { ...layer.dataServices, postgres: { ...postgres, database: tenantCopyName(tenant.name, postgres.database) } } } : {}),
      };
      return { layer: copy, tenant: tenant.name };
    });
  });
}
