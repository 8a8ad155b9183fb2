import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { MeshPlatform } from "./spec";
import { serviceAccountPrincipal } from "../../platform/istio";
import { dataServiceEndpoints, dataServiceNames } from "../../platform/data-services";
import { layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { EGRESS_GATEWAY_NAMESPACE } from "../../platform/egress";
import { inboundCallers } from "../../manifests/layer-callers";
import { applicationLayerNames, layerObjectMeta, serviceHost } from "../../manifests/layer-names";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { NAMESPACE_AUTHORIZATION_POLICY, NAMESPACE_SIDECAR } from "../../manifests/mesh-names";

/**
 * The mesh's half of an application layer's isolation, from the same declarations as its NetworkPolicies
 * (`inboundCallers`, `peers`, `dataServices`).
 */


/**
 * An ALLOW policy on the layer's pods: once a workload has one, Istio denies every request no rule matches,
 * so this admits exactly the callers' mTLS identities (service-account principals), each on its ports.
 */
export function layerAuthorizationPolicy(layer: ApplicationLayerSpec, platform: Pick<MeshPlatform, "layers" | "mesh">): KubernetesObject {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: layerObjectMeta(layer, NAMESPACE_AUTHORIZATION_POLICY),
    spec: {
      selector: { matchLabels: layerSelector(layer.name) },
      action: "ALLOW",
      rules: inboundCallers(layer, { layers: platform.layers, gatewayRoutes: platform.mesh.gateway.routes }).map((caller) => ({
        from: [{ source: { principals: [serviceAccountPrincipal(caller.namespace, caller.serviceAccount)] } }],
        to: [{ operation: { ports: caller.ports.map((p) => String(p.port)) } }],
      })),
    },
  };
}

/**
 * The layer's proxies know only what the layer may call: its declared peers, the data services it uses and
 * the control plane; anything else (including outside the mesh registry) is unreachable.
 */
export function layerSidecar(layer: ApplicationLayerSpec, platform: Pick<MeshPlatform, "layers">): KubernetesObject {
  const byName = new Map(platform.layers.map((l) => [l.name, l]));
  const peerNamespaces = layer.peers.map((p) => applicationLayerNames(byName.get(p) ?? { name: p }).namespace);
  const dataNamespaces = dataServiceNames.filter((s) => layer.dataServices[s] !== undefined).map((s) => dataServiceEndpoints[s].namespace);
  const egressNamespaces = layer.egress.length ? [EGRESS_GATEWAY_NAMESPACE] : [];
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Sidecar",
    metadata: layerObjectMeta(layer, NAMESPACE_SIDECAR),
    spec: {
      // With declared external hosts: the egress gateway's namespace too, whose objects are exported to the declaring layers only.
      egress: [{ hosts: [...new Set([platformNamespaces.meshRoot, ...peerNamespaces, ...dataNamespaces, ...egressNamespaces])].map((ns) => `${ns}/*`) }],
      outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
    },
  };
}

/** Calls into the layer: mesh mTLS, bounded connection pools and ejection of failing endpoints (seed 004's values by default). */
export function layerDestinationRule(layer: ApplicationLayerSpec, platform: Pick<MeshPlatform, "mesh">): KubernetesObject {
  const { connectionPool, outlierDetection } = platform.mesh.trafficPolicy;
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: layerObjectMeta(layer, applicationLayerNames(layer).service),
    spec: {
      host: serviceHost(layer),
      trafficPolicy: {
        tls: { mode: "ISTIO_MUTUAL" },
        loadBalancer: { simple: "ROUND_ROBIN" },
        connectionPool: {
          tcp: { maxConnections: connectionPool.maxConnections },
          http: { http1MaxPendingRequests: connectionPool.http1MaxPendingRequests, maxRequestsPerConnection: connectionPool.maxRequestsPerConnection },
        },
        outlierDetection: { ...outlierDetection },
      },
    },
  };
}

/** The mesh objects in one application layer's namespace. */
export function layerMeshObjects(layer: ApplicationLayerSpec, platform: Pick<MeshPlatform, "layers" | "mesh">): KubernetesObject[] {
  return [layerAuthorizationPolicy(layer, platform), layerSidecar(layer, platform), layerDestinationRule(layer, platform)];
}
