import type { MeshPlatform } from "./spec";
import { platformNamespaces } from "../../platform/namespaces";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { meshCharts } from "./charts";
import { edgeGateway, edgeVirtualServices } from "./gateway";
import { meshLabels, meshNamespaces } from "./namespaces";
import { egressObjects } from "./egress";
import { egressNamespace } from "./egress-namespace";
import { MESH_PEER_AUTHENTICATION } from "../../manifests/mesh-names";

export { layerMeshObjects, layerAuthorizationPolicy, layerSidecar, layerDestinationRule } from "./layer-policies";
export * from "../../manifests/mesh-names";

/**
 * The mesh layer's desired state, in the order it is applied:
 * 1. `prerequisites`: the three namespaces (istio-system, the CNI agent's, the gateway's) with their network rules,
 *    and the egress gateway's when some layer declares egress.
 * 2. `charts`: base (the CRDs), then cni and istiod, then the gateways (their pods need istiod's injector).
 * 3. `customResources`: the mesh-wide PeerAuthentication, the edge Gateway and its VirtualServices, and each
 *    declared external host's objects (egress.ts): they need the CRDs (base) only.
 * Each application layer's AuthorizationPolicy, Sidecar and DestinationRule belong to that layer (`layerMeshObjects`); the
 * gateway's Service (its load balancer) is the edge capability's, which owns what the AWS Load Balancer Controller acts on.
 */
export interface MeshPlan {
  prerequisites: KubernetesObject[];
  /** The egress gateway (`egressGateway`) only when some layer declares egress. */
  charts: { base: HelmChartSpec; cni: HelmChartSpec; istiod: HelmChartSpec; gateway: HelmChartSpec; egressGateway?: HelmChartSpec };
  customResources: KubernetesObject[];
}

/** Mutual TLS for the whole mesh: a PeerAuthentication without selector in the root namespace. */
export function meshPeerAuthentication(platform: Pick<MeshPlatform, "mesh">): KubernetesObject {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: MESH_PEER_AUTHENTICATION, namespace: platformNamespaces.meshRoot, labels: meshLabels },
    spec: { mtls: { mode: platform.mesh.mtls } },
  };
}

export function meshDesiredState(platform: MeshPlatform): MeshPlan {
  return structuredClone({
    prerequisites: [...meshNamespaces(platform.mesh, platform.layers, platform.cluster.vpcCidr), ...egressNamespace(platform.layers, platform.cluster.vpcCidr)],
    charts: meshCharts(platform.mesh, platform.placement, platform.layers),
    customResources: [meshPeerAuthentication(platform), edgeGateway(platform.mesh), ...edgeVirtualServices(platform.mesh, platform.layers), ...egressObjects(platform.layers)],
  });
}
