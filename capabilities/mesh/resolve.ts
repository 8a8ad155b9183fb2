import type { Profile } from "../../config/profiles";
import { isPerTenant, tenantCopyName, type TenantableLayer } from "../../config/layers/tenancy-resolve";
import type { TenantConfig } from "../../config/layers/tenancy-schema";
import { meshDefaults, meshProfileDefaults } from "./defaults";
import type { MeshInput } from "./schema";
import type { EdgeRouteSpec, MeshSpec } from "./spec";

/** Applies the profile's and the seeds' defaults to the mesh section (validated already). */
export function resolveMesh(mesh: MeshInput, profile: Profile, layers: TenantableLayer[], tenants: TenantConfig[] | undefined): MeshSpec {
  const defaults = meshDefaults;
  const gateway = mesh.gateway ?? {};
  const pool = mesh.trafficPolicy?.connectionPool ?? {};
  const outliers = mesh.trafficPolicy?.outlierDetection ?? {};
  // The first layer is the platform's entry (the default set's ingestion layer).
  const edgeLayer = gateway.edgeLayer ?? layers[0].name;
  const loadBalancer = gateway.loadBalancer ?? defaults.loadBalancer;
  return {
    mtls: mesh.mtls ?? defaults.mtls,
    istiodReplicas: mesh.istiod?.replicas ?? meshProfileDefaults[profile].istiodReplicas,
    gateway: {
      replicas: gateway.replicas ?? meshProfileDefaults[profile].gatewayReplicas,
      exposure: gateway.exposure ?? defaults.exposure,
      loadBalancer,
      ...(loadBalancer === "nlb" ? { clientAddress: gateway.clientAddress ?? defaults.clientAddress } : {}),
      routes: edgeRoutes(edgeLayer, gateway.hosts ?? [...defaults.hosts], layers, tenants),
      ...(gateway.hostedZone ? { hostedZone: { ...gateway.hostedZone } } : {}),
      ...(gateway.tlsSecret ? { tlsSecret: gateway.tlsSecret } : {}),
      ...(gateway.certificates ? { certificates: gateway.certificates } : {}),
      minTlsVersion: gateway.minTlsVersion ?? defaults.minTlsVersion,
      paths: (gateway.paths ?? []).map((p) => ({ ...p })),
      ...(gateway.faultInjection && (gateway.faultInjection.delay || gateway.faultInjection.abort)
        ? { faultInjection: { ...(gateway.faultInjection.delay ? { delay: { ...gateway.faultInjection.delay } } : {}), ...(gateway.faultInjection.abort ? { abort: { ...gateway.faultInjection.abort } } : {}) } }
        : {}),
      timeout: gateway.timeout ?? defaults.timeout,
      retries: { ...defaults.retries, ...gateway.retries },
    },
    trafficPolicy: {
      connectionPool: { ...defaults.trafficPolicy.connectionPool, ...pool },
      outlierDetection: { ...defaults.trafficPolicy.outlierDetection, ...outliers },
    },
  };
}

/**
 * Where the gateway routes: the edge layer for the gateway's hosts; or, when the edge layer is per-tenant,
 * each tenant's copy for that tenant's hosts (the checks make sure every tenant has some, none shared).
 */
export function edgeRoutes(edgeLayer: string, hosts: string[], layers: TenantableLayer[], tenants: TenantConfig[] = []): EdgeRouteSpec[] {
  const edge = layers.find((l) => l.name === edgeLayer);
  if (!edge || !isPerTenant(edge)) return [{ layer: edgeLayer, hosts }];
  return tenants.map((t) => ({ layer: tenantCopyName(t.name, edgeLayer), hosts: [...(t.hosts ?? [])], tenant: t.name }));
}
