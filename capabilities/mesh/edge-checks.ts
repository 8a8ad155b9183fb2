import type { ConfigIssue } from "../../config/issues";
import { asArray, isObject, isString, type Raw } from "../../config/raw";

/**
 * The gateway's public face: TLS wherever the internet reaches the gateway, certificates from cert-manager
 * (with a zone to solve DNS-01 in), hosts inside the hosted zone, path routes, and fault injection (off in
 * prod unless meant). Raw config, read defensively.
 */

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

/** A host the gateway serves, with the key path that set it. */
export interface ConfiguredHost {
  host: string;
  path: string;
}

/** The gateway's hosts as configured: `mesh.gateway.hosts`, and every tenant's `hosts` (a per-tenant edge layer's). */
export function configuredGatewayHosts(raw: Raw): ConfiguredHost[] {
  const gateway = section(section(raw, "mesh"), "gateway");
  const hosts: ConfiguredHost[] = [];
  asArray(gateway.hosts).forEach((host, i) => {
    if (isString(host)) hosts.push({ host, path: `mesh.gateway.hosts[${i}]` });
  });
  asArray(raw.tenants).forEach((tenant, t) => {
    if (!isObject(tenant)) return;
    asArray(tenant.hosts).forEach((host, i) => {
      if (isString(host)) hosts.push({ host, path: `tenants[${t}].hosts[${i}]` });
    });
  });
  return hosts;
}

/** Whether a host (an exact name or a `*.` wildcard) lies in a DNS zone. */
export function hostInZone(host: string, zone: string): boolean {
  const name = host.startsWith("*.") ? host.slice(2) : host;
  return name === zone || name.endsWith(`.${zone}`);
}

export function publicEdgeIssues(raw: Raw, prod: boolean): ConfigIssue[] {
  const gateway = section(section(raw, "mesh"), "gateway");
  const issues: ConfigIssue[] = [];
  const hosts = configuredGatewayHosts(raw);
  const loadBalancer = gateway.loadBalancer ?? "nlb";
  const certManager = gateway.certificates === "cert-manager";
  const zone = isObject(gateway.hostedZone) && isString(gateway.hostedZone.name) ? gateway.hostedZone.name : undefined;

  if (certManager && gateway.tlsSecret !== undefined) {
    issues.push({ path: "mesh.gateway.certificates", message: "either tlsSecret (a Secret you provide) or certificates: cert-manager, not both" });
  }
  if (gateway.clientAddress !== undefined && loadBalancer === "alb") {
    issues.push({ path: "mesh.gateway.clientAddress", message: "applies to an NLB only: an ALB passes the client's address in X-Forwarded-For" });
  }
  if (loadBalancer === "alb") {
    for (const key of ["tlsSecret", "certificates"].filter((k) => gateway[k] !== undefined)) {
      issues.push({ path: `mesh.gateway.${key}`, message: "TLS ends at the ALB (its ACM certificate) and the gateway behind it serves HTTP: this applies to loadBalancer: nlb only" });
    }
  }
  if (certManager) {
    if (raw.certificates === undefined) {
      issues.push({ path: "mesh.gateway.certificates", message: "cert-manager is not deployed: configure strata:certificates (at least acme.email)" });
    }
    // With strata:certificates configured, its own check says this.
    if (gateway.hostedZone === undefined && raw.certificates === undefined) {
      issues.push({ path: "mesh.gateway.hostedZone", message: "certificates: cert-manager solves its DNS-01 challenges in a Route53 hosted zone: name it ({id, name})" });
    }
    if (hosts.length === 0 && gateway.hosts === undefined) {
      issues.push({ path: "mesh.gateway.hosts", message: 'cert-manager issues certificates for named hosts: name the gateway\'s hosts (the default is "*")' });
    }
    for (const h of hosts.filter((h) => h.host === "*")) {
      issues.push({ path: h.path, message: 'cert-manager issues certificates for named hosts: "*" has none (use "*.<zone>" for a wildcard certificate)' });
    }
  }
  if (gateway.exposure === "internet-facing") {
    if (hosts.length === 0 && gateway.hosts === undefined) {
      issues.push({ path: "mesh.gateway.hosts", message: 'an internet-facing gateway names its hosts (the default "*" would serve any name, with no certificate for it)' });
    }
    for (const h of hosts.filter((h) => h.host === "*" && !certManager)) {
      issues.push({ path: h.path, message: 'an internet-facing gateway names its hosts: "*" would serve any name, with no certificate for it' });
    }
    if (loadBalancer === "nlb" && gateway.tlsSecret === undefined && !certManager) {
      issues.push({
        path: "mesh.gateway.exposure",
        message: "an internet-facing NLB passes connections through to the gateway, which must then serve HTTPS: set mesh.gateway.certificates: cert-manager (or tlsSecret)",
      });
    }
    if (loadBalancer === "nlb" && prod && gateway.tlsSecret !== undefined && !certManager) {
      issues.push({
        path: "mesh.gateway.tlsSecret",
        message: "prod's public certificates come from ACME production (certificates: cert-manager) or ACM (loadBalancer: alb): a Secret of unknown issuer is refused on an internet-facing gateway",
      });
    }
  }
  if (zone !== undefined) {
    for (const h of hosts.filter((h) => !hostInZone(h.host, zone))) {
      issues.push({ path: h.path, message: `"${h.host}" is not in the hosted zone ${zone} (mesh.gateway.hostedZone.name): its records and certificates are made there` });
    }
  }
  issues.push(...pathIssues(gateway), ...faultIssues(gateway, prod));
  return issues;
}

function pathIssues(gateway: Raw): ConfigIssue[] {
  const seen = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  asArray(gateway.paths).forEach((path, i) => {
    if (!isObject(path) || !isString(path.prefix)) return;
    if (seen.has(path.prefix)) issues.push({ path: `mesh.gateway.paths[${i}].prefix`, message: `"${path.prefix}" is listed twice (also mesh.gateway.paths[${seen.get(path.prefix)}])` });
    else seen.set(path.prefix, i);
  });
  return issues;
}

function faultIssues(gateway: Raw, prod: boolean): ConfigIssue[] {
  if (!isObject(gateway.faultInjection)) return [];
  const fault = gateway.faultInjection;
  const issues: ConfigIssue[] = [];
  if (fault.delay === undefined && fault.abort === undefined) {
    issues.push({ path: "mesh.gateway.faultInjection", message: "names no fault: give a delay ({percentage, fixedDelay}) or an abort ({percentage, httpStatus})" });
  }
  if (prod && fault.allowInProd !== true) {
    issues.push({
      path: "mesh.gateway.faultInjection",
      message: "prod refuses fault injection unless it is meant: set mesh.gateway.faultInjection.allowInProd: true (seed 004's chaos tests)",
    });
  }
  return issues;
}
