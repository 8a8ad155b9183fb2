import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { MeshSpec, TlsVersion } from "./spec";
import { platformNamespaces } from "../../platform/namespaces";
import { serviceHost, servingPorts } from "../../manifests/layer-names";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { edgeLayers } from "./edge-layers";
import { meshLabels } from "./namespaces";
import { EDGE_GATEWAY, edgeVirtualServiceName, gatewayPodLabels } from "../../manifests/mesh-names";

/** Istio's name of each TLS version (`minProtocolVersion`). */
const ISTIO_TLS_VERSION: Record<TlsVersion, string> = { "1.2": "TLSV1_2", "1.3": "TLSV1_3" };

/** Every host the gateway serves, once, in route order. */
export function gatewayHosts(mesh: MeshSpec): string[] {
  return [...new Set(mesh.gateway.routes.flatMap((r) => r.hosts))];
}

/** Whether the gateway itself terminates TLS (an NLB passes TLS through; behind an ALB it serves HTTP). */
export function gatewayServesTls(mesh: MeshSpec): boolean {
  return mesh.gateway.loadBalancer === "nlb" && (mesh.gateway.tlsSecret !== undefined || mesh.gateway.certificates === "cert-manager");
}

/**
 * The Secret cert-manager writes a host's certificate to (in the gateway namespace), which the gateway's
 * HTTPS server for that host reads: `edge-tls.<host>`, a wildcard's `*` spelled `wildcard`.
 */
export function edgeCertificateSecretName(host: string): string {
  return `edge-tls.${host.replace(/^\*\./, "wildcard.")}`;
}

function httpsServers(mesh: MeshSpec, hosts: string[]): object[] {
  const g = mesh.gateway;
  const tls = (credentialName: string) => ({ mode: "SIMPLE", credentialName, minProtocolVersion: ISTIO_TLS_VERSION[g.minTlsVersion] });
  if (g.certificates === "cert-manager") {
    // One certificate per host: a server per host, chosen by SNI.
    return hosts.map((host, i) => ({ port: { number: 443, name: i === 0 ? "https" : `https-${i}`, protocol: "HTTPS" }, hosts: [host], tls: tls(edgeCertificateSecretName(host)) }));
  }
  return [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts, tls: tls(g.tlsSecret!) }];
}

/**
 * The edge Gateway, for every route's hosts. Behind an NLB with TLS configured: HTTPS (one server per host
 * with cert-manager's certificates, or one with the configured Secret) at the minimum TLS version, and HTTP
 * redirected to it. Behind an ALB (which ends TLS and redirects HTTP itself) or without TLS: HTTP.
 */
export function edgeGateway(mesh: MeshSpec): KubernetesObject {
  const hosts = gatewayHosts(mesh);
  const tls = gatewayServesTls(mesh);
  const http = { port: { number: 80, name: "http", protocol: "HTTP" }, hosts, ...(tls ? { tls: { httpsRedirect: true } } : {}) };
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name: EDGE_GATEWAY, namespace: platformNamespaces.gateway, labels: meshLabels },
    spec: { selector: gatewayPodLabels(), servers: [http, ...(tls ? httpsServers(mesh, hosts) : [])] },
  };
}

/** Istio's fault injection from config (percentages as Istio's `Percent`). */
function fault(mesh: MeshSpec): object | undefined {
  const f = mesh.gateway.faultInjection;
  if (!f) return undefined;
  return {
    ...(f.delay ? { delay: { percentage: { value: f.delay.percentage }, fixedDelay: f.delay.fixedDelay } } : {}),
    ...(f.abort ? { abort: { percentage: { value: f.abort.percentage }, httpStatus: f.abort.httpStatus } } : {}),
  };
}

/**
 * Routes the edge into the edge layer's Service (one VirtualService per route), with the request timeout and
 * retries from config; with path routes, only those prefixes (each optionally rewritten); with fault
 * injection, its delays and aborts on every route.
 */
export function edgeVirtualServices(mesh: MeshSpec, layers: ApplicationLayerSpec[]): KubernetesObject[] {
  const { timeout, retries, paths } = mesh.gateway;
  const edges = edgeLayers(mesh, layers);
  const faults = fault(mesh);
  return mesh.gateway.routes.map((route, i) => {
    const target = {
      route: [{ destination: { host: serviceHost(edges[i]), port: { number: servingPorts(edges[i])[0].port } } }],
      timeout,
      retries: { attempts: retries.attempts, perTryTimeout: retries.perTryTimeout, retryOn: retries.retryOn },
      ...(faults ? { fault: faults } : {}),
    };
    const http = paths.length
      ? paths.map((p) => ({ match: [{ uri: { prefix: p.prefix } }], ...(p.rewrite ? { rewrite: { uri: p.rewrite } } : {}), ...target }))
      : [target];
    return {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: edgeVirtualServiceName(route), namespace: platformNamespaces.gateway, labels: meshLabels },
      spec: {
        hosts: route.hosts,
        gateways: [`${platformNamespaces.gateway}/${EDGE_GATEWAY}`],
        // Only the gateway applies it: sidecars elsewhere keep their own routes.
        exportTo: ["."],
        http,
      },
    };
  });
}
