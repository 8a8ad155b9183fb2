import type { ConfigIssue } from "../../config/issues";
import { defaultEgressPort, egressProtocols, type EgressProtocol } from "../../config/layers/egress-schema";
import { asArray, isInt, isObject, isString, type Raw } from "../../config/raw";
import { EGRESS_HOSTS_ANNOTATION } from "../../platform/egress";
import { hostsOverlap } from "./checks";

/**
 * The checks of `layers[].egress` that relate several keys or the profile (each host's own shape is the
 * schema's): plain text in prod only when allowed; a host once per layer; one port and protocol per host
 * across the platform (the egress gateway has one route per host); no host the cluster's own gateway serves.
 */

interface Declared {
  host: string;
  port: number;
  protocol: EgressProtocol;
  path: string;
}

const protocolOf = (v: unknown): EgressProtocol | undefined => (egressProtocols as readonly unknown[]).includes(v) ? (v as EgressProtocol) : v === undefined ? "TLS" : undefined;

/** The hosts the ingress gateway serves, with their key paths. */
function servedHosts(raw: Raw): { host: string; path: string }[] {
  const gateway = isObject(raw.mesh) && isObject(raw.mesh.gateway) ? raw.mesh.gateway : {};
  const fromGateway = asArray(gateway.hosts).flatMap((h, k) => (isString(h) && h !== "*" ? [{ host: h, path: `mesh.gateway.hosts[${k}]` }] : []));
  const fromTenants = asArray(raw.tenants).flatMap((t, i) => (isObject(t) ? asArray(t.hosts).flatMap((h, k) => (isString(h) ? [{ host: h, path: `tenants[${i}].hosts[${k}]` }] : [])) : []));
  return [...fromGateway, ...fromTenants];
}

export function egressIssues(raw: Raw, layers: unknown[], prod: boolean): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const claimed = new Map<string, Declared>();
  const served = servedHosts(raw);
  layers.forEach((layer, i) => {
    if (!isObject(layer)) return;
    // The declaration the pack reads is Strata's to write, from layers[].egress: config cannot forge it.
    const account = isObject(layer.serviceAccount) && isObject(layer.serviceAccount.annotations) ? layer.serviceAccount.annotations : {};
    if (EGRESS_HOSTS_ANNOTATION in account) {
      issues.push({ path: `layers[${i}].serviceAccount.annotations.${EGRESS_HOSTS_ANNOTATION}`, message: `Strata writes ${EGRESS_HOSTS_ANNOTATION} from the layer's egress: declare the hosts in layers[${i}].egress` });
    }
    const seen = new Set<string>();
    asArray(layer.egress).forEach((entry, j) => {
      if (!isObject(entry) || !isString(entry.host)) return;
      const at = `layers[${i}].egress[${j}]`;
      const protocol = protocolOf(entry.protocol);
      if (protocol === undefined) return;
      const port = isInt(entry.port) ? entry.port : defaultEgressPort(protocol);
      if (prod && protocol === "HTTP" && entry.allowPlainText !== true) {
        issues.push({ path: `${at}.protocol`, message: `prod refuses plain-text egress to "${entry.host}" (HTTP): use TLS, or HTTPS to let the egress gateway originate TLS (or set allowPlainText: true if it is meant)` });
      }
      if (entry.host.startsWith("*.") && protocol !== "TLS") {
        issues.push({ path: `${at}.protocol`, message: `"${entry.host}" is a wildcard: only TLS passes through by SNI (the gateway can originate TLS to, or route plain HTTP for, exact hosts only)` });
      }
      if (seen.has(entry.host)) issues.push({ path: `${at}.host`, message: `"${entry.host}" is declared twice by this layer` });
      seen.add(entry.host);
      const earlier = claimed.get(entry.host);
      if (earlier && (earlier.port !== port || earlier.protocol !== protocol)) {
        issues.push({ path: `${at}.port`, message: `"${entry.host}" is ${protocol} on ${port} here but ${earlier.protocol} on ${earlier.port} at ${earlier.path}: the egress gateway has one route per host` });
      }
      if (!earlier) claimed.set(entry.host, { host: entry.host, port, protocol, path: at });
      const host = entry.host;
      for (const s of served.filter((s) => hostsOverlap(s.host, host))) {
        issues.push({ path: `${at}.host`, message: `"${entry.host}" overlaps "${s.host}" (${s.path}), which the cluster's own gateway serves: call that layer through the mesh, not the egress gateway` });
      }
    });
  });
  return issues;
}
