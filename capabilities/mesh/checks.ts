import type { CheckContext } from "../../config/capability-config";
import { prodMinimum } from "../../config/profiles";
import type { ConfigIssue } from "../../config/issues";
import { perTenantLayers, rawTenants, type Tenant } from "../../config/layers/tenancy-checks";
import { asArray, isObject, isString, type Raw } from "../../config/raw";
import { parseGoDuration } from "../../platform/duration";
import { meshProdMinimums } from "./defaults";
import { publicEdgeIssues } from "./edge-checks";
import { egressIssues } from "./egress-checks";

/**
 * The mesh's checks that relate several keys or depend on the profile: STRICT mTLS and HA in prod, the edge
 * layer, retries within the timeout, a per-tenant edge layer's hosts, and the public edge (edge-checks.ts).
 * They read the raw config defensively: a value of the wrong type is left to the schema's own issue.
 */

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

export function meshIssues({ raw, layers, profile }: CheckContext): ConfigIssue[] {
  const layerNames = layers.filter(isObject).map((l) => l.name).filter(isString);
  const issues = [...meshSectionIssues(section(raw, "mesh"), profile === "prod", layerNames), ...publicEdgeIssues(raw, profile === "prod"), ...egressIssues(raw, layers, profile === "prod")];
  if (Array.isArray(raw.tenants)) {
    const rawLayers = layers.map((l) => (isObject(l) ? l : {}));
    issues.push(...edgeIssues(raw, rawLayers, rawTenants(raw), perTenantLayers(rawLayers)));
  }
  return issues;
}

function meshSectionIssues(mesh: Raw, prod: boolean, layerNames: string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (prod && mesh.mtls === "PERMISSIVE") {
    issues.push({ path: "mesh.mtls", message: "prod requires STRICT mTLS: PERMISSIVE accepts plain-text traffic into the mesh (dev only)" });
  }
  issues.push(...(prod ? prodMinimum("mesh.istiod.replicas", section(mesh, "istiod").replicas, meshProdMinimums.istiodReplicas, "istiod replicas") : []));
  const gateway = section(mesh, "gateway");
  if (isString(gateway.edgeLayer) && !layerNames.includes(gateway.edgeLayer)) {
    issues.push({ path: "mesh.gateway.edgeLayer", message: `"${gateway.edgeLayer}" is not a layer; layers are: ${layerNames.join(", ")}` });
  }
  const timeout = isString(gateway.timeout) ? parseGoDuration(gateway.timeout) : undefined;
  const retries = section(gateway, "retries");
  const perTry = isString(retries.perTryTimeout) ? parseGoDuration(retries.perTryTimeout) : undefined;
  if (timeout !== undefined && perTry !== undefined && perTry > timeout) {
    issues.push({ path: "mesh.gateway.retries.perTryTimeout", message: `${retries.perTryTimeout} exceeds the request timeout ${gateway.timeout}: no retry could ever run` });
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
