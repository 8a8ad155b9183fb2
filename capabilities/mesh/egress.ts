import type { ApplicationLayerSpec, EgressSpec } from "../../config/layers/spec";
import { EGRESS_AUTHORIZATION_POLICY, EGRESS_GATEWAY_NAMESPACE, egressGatewayPodLabels } from "../../platform/egress";
import { serviceAccountPrincipal } from "../../platform/istio";
import { EGRESS_GATEWAY_HOST, EGRESS_HTTP_MESH_PORT, egressListener } from "../../manifests/egress-gateway";
import { applicationLayerNames } from "../../manifests/layer-names";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { egressObjectName, egressSubsetName, ORIGINATION_SUFFIX } from "./egress-names";
import { meshLabels } from "./namespaces";

/**
 * Egress by name (`layers[].egress`): per declared host, in the egress gateway's namespace,
 * - a ServiceEntry registering it (MESH_EXTERNAL; DNS, or DYNAMIC_DNS for a wildcard),
 * - a Gateway server for it on the egress gateway (mTLS from the sidecars: ISTIO_MUTUAL),
 * - a VirtualService: from the layers' sidecars ("mesh") to the egress gateway, and from the gateway out to the host,
 * - a DestinationRule: the sidecars' mTLS to the gateway, with the host as SNI (a subset per host), and for
 *   HTTPS a second one on the host itself, where the gateway originates TLS;
 * and one AuthorizationPolicy on the gateway admitting each host only from the declaring layers' accounts.
 * Each object is exported only to the namespaces of the layers that declared the host: no other sidecar knows it.
 */

/** One external host and the layers (tenants' copies included) that declared it. */
export interface EgressHost extends EgressSpec {
  layers: ApplicationLayerSpec[];
}

/** Every declared host once, in declaration order, with its declaring layers (the checks make a host's port and protocol agree). */
export function egressHosts(layers: ApplicationLayerSpec[]): EgressHost[] {
  const hosts = new Map<string, EgressHost>();
  for (const layer of layers) {
    for (const entry of layer.egress) {
      const known = hosts.get(entry.host);
      if (known) known.layers.push(layer);
      else hosts.set(entry.host, { ...entry, layers: [layer] });
    }
  }
  return [...hosts.values()];
}

const isWildcard = (host: string) => host.startsWith("*.");
const meta = (name: string) => ({ name, namespace: EGRESS_GATEWAY_NAMESPACE, labels: meshLabels });
/** Visible to the gateway's namespace and the declaring layers' only. */
const exportTo = (h: EgressHost) => [".", ...new Set(h.layers.map((l) => applicationLayerNames(l).namespace))];
const gatewayRef = (h: EgressHost) => `${EGRESS_GATEWAY_NAMESPACE}/${egressObjectName(h.host)}`;

export function egressServiceEntry(h: EgressHost): KubernetesObject {
  const ports =
    h.protocol === "TLS"
      ? [{ number: h.port, name: `tls-${h.port}`, protocol: "TLS" }]
      : // The app calls http://host/ inside the mesh; the gateway connects to the host's own port.
        [{ number: EGRESS_HTTP_MESH_PORT, name: "http", protocol: "HTTP", ...(h.port !== EGRESS_HTTP_MESH_PORT ? { targetPort: h.port } : {}) }];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "ServiceEntry",
    metadata: meta(egressObjectName(h.host)),
    spec: { hosts: [h.host], location: "MESH_EXTERNAL", resolution: isWildcard(h.host) ? "DYNAMIC_DNS" : "DNS", ports, exportTo: exportTo(h) },
  };
}

export function egressGatewayServer(h: EgressHost): KubernetesObject {
  const listener = egressListener(h);
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: meta(egressObjectName(h.host)),
    spec: {
      selector: egressGatewayPodLabels(),
      servers: [{ port: { number: listener.port, name: listener.name, protocol: h.protocol === "TLS" ? "TLS" : "HTTPS" }, hosts: [h.host], tls: { mode: "ISTIO_MUTUAL" } }],
    },
  };
}

export function egressVirtualService(h: EgressHost): KubernetesObject {
  const listener = egressListener(h);
  const toGateway = [{ destination: { host: EGRESS_GATEWAY_HOST, subset: egressSubsetName(h.host), port: { number: listener.port } } }];
  const routes =
    h.protocol === "TLS"
      ? {
          tls: [{ match: [{ gateways: ["mesh"], port: h.port, sniHosts: [h.host] }], route: toGateway }],
          // The app's TLS, unwrapped from the sidecar's mTLS, goes on as it is (passthrough).
          tcp: [{ match: [{ gateways: [gatewayRef(h)], port: listener.port }], route: [{ destination: { host: h.host, port: { number: h.port } } }] }],
        }
      : {
          http: [
            { match: [{ gateways: ["mesh"], port: EGRESS_HTTP_MESH_PORT }], route: toGateway },
            { match: [{ gateways: [gatewayRef(h)], port: listener.port }], route: [{ destination: { host: h.host, port: { number: EGRESS_HTTP_MESH_PORT } } }] },
          ],
        };
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: meta(egressObjectName(h.host)),
    spec: { hosts: [h.host], gateways: ["mesh", gatewayRef(h)], exportTo: exportTo(h), ...routes },
  };
}

/** The sidecars' mTLS to the egress gateway, with the host as SNI: what the gateway's server and AuthorizationPolicy match. */
export function egressGatewayDestinationRule(h: EgressHost): KubernetesObject {
  const listener = egressListener(h);
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: meta(egressObjectName(h.host)),
    spec: {
      host: EGRESS_GATEWAY_HOST,
      exportTo: exportTo(h),
      subsets: [{ name: egressSubsetName(h.host), trafficPolicy: { portLevelSettings: [{ port: { number: listener.port }, tls: { mode: "ISTIO_MUTUAL", sni: h.host } }] } }],
    },
  };
}

/** HTTPS: the gateway originates TLS to the host (verified against the system's CAs, by the host's name). */
export function egressOriginationDestinationRule(h: EgressHost): KubernetesObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: meta(`${egressObjectName(h.host)}${ORIGINATION_SUFFIX}`),
    spec: { host: h.host, exportTo: ["."], trafficPolicy: { portLevelSettings: [{ port: { number: EGRESS_HTTP_MESH_PORT }, tls: { mode: "SIMPLE", sni: h.host } }] } },
  };
}

/**
 * The egress gateway's ALLOW policy: a rule per host, admitting exactly the principals of the layers that
 * declared it, by the SNI of their mTLS connection (the DestinationRule's `sni`), and for HTTP also by Host.
 * Anything else the gateway receives is denied (403, or the connection closed).
 */
export function egressAuthorizationPolicy(hosts: EgressHost[]): KubernetesObject {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: meta(EGRESS_AUTHORIZATION_POLICY),
    spec: {
      selector: { matchLabels: egressGatewayPodLabels() },
      action: "ALLOW",
      rules: hosts.map((h) => ({
        from: [{ source: { principals: [...new Set(h.layers.map((l) => serviceAccountPrincipal(applicationLayerNames(l).namespace, applicationLayerNames(l).serviceAccount)))] } }],
        ...(h.protocol === "TLS" ? {} : { to: [{ operation: { hosts: [h.host] } }] }),
        when: [{ key: "connection.sni", values: [h.host] }],
      })),
    },
  };
}

/** Every egress object, host by host, then the gateway's AuthorizationPolicy; none when no layer declares egress. */
export function egressObjects(layers: ApplicationLayerSpec[]): KubernetesObject[] {
  const hosts = egressHosts(layers);
  if (hosts.length === 0) return [];
  const perHost = hosts.flatMap((h) => [
    egressServiceEntry(h),
    egressGatewayServer(h),
    egressVirtualService(h),
    egressGatewayDestinationRule(h),
    ...(h.protocol === "HTTPS" ? [egressOriginationDestinationRule(h)] : []),
  ]);
  return [...perHost, egressAuthorizationPolicy(hosts)];
}
