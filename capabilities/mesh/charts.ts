import type { ApplicationLayerSpec, PlacementSpec } from "../../config/layers/spec";
import { EGRESS_GATEWAY_NAME, EGRESS_GATEWAY_NAMESPACE, egressGatewayPodLabels } from "../../platform/egress";
import { egressDeclared, egressGatewayListeners } from "../../manifests/egress-gateway";
import { MESH_CNI_NAMESPACE } from "./namespaces";
import type { MeshSpec } from "./spec";
import { istioCharts, istioImages } from "./pins";
import { SIDECAR_RESOURCES, TRUST_DOMAIN } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import { podPlacement } from "../../platform/placement";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import { spreadConstraints } from "../../manifests/topology";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { gatewayPodLabels, ISTIOD_POD_LABELS } from "../../manifests/mesh-names";
import { GATEWAY_NAME } from "../../platform/istio";


/** The mesh's Helm releases. */
export const meshReleaseNames = {
  base: "istio-base",
  cni: "istio-cni",
  istiod: "istiod",
  gateway: GATEWAY_NAME,
} as const;

/**
 * Istio's four releases as plain data (value keys: ../shared/chart-reference/istio-*). Images come from the
 * upstream registry at the pinned release; control components run on the system pool.
 */

const global = { hub: istioImages.hub, tag: istioImages.tag, istioNamespace: platformNamespaces.meshRoot };

/** The gateway's own (unprivileged) ports: the load balancer's 80 and 443 map onto them. */
export const gatewayTargetPorts = { http: 8080, https: 8443 } as const;

/** CRDs and cluster-wide objects (the validating webhook configuration). */
export function istioBaseChart(): HelmChartSpec {
  return { ...istioCharts.base, releaseName: meshReleaseNames.base, includeCRDs: true, namespace: platformNamespaces.meshRoot, values: { global, defaultRevision: "default" } };
}

/**
 * The CNI node agent: sets up each meshed pod's traffic redirection from the node, so the injected pods
 * carry no NET_ADMIN init container and meet the restricted profile. It must run on every node (it
 * tolerates every taint), in its own privileged namespace.
 */
export function istioCniChart(): HelmChartSpec {
  return {
    ...istioCharts.cni,
    releaseName: meshReleaseNames.cni,
    includeCRDs: true,
    namespace: MESH_CNI_NAMESPACE,
    values: {
      global,
      // Kubernetes' own and the node agents' namespaces are never meshed.
      excludeNamespaces: [platformNamespaces.dns, MESH_CNI_NAMESPACE, platformNamespaces.nodeExporter],
      resources: { requests: { cpu: "100m", memory: "100Mi" }, limits: { memory: "256Mi" } },
    },
  };
}

/** The control plane: HA in prod (replicas, PDB, zone spread), the CNI plugin in use, sidecars' resources bounded. */
export function istiodChart(mesh: MeshSpec, placement: PlacementSpec): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  const ha = mesh.istiodReplicas > 1;
  return {
    ...istioCharts.istiod,
    releaseName: meshReleaseNames.istiod,
    includeCRDs: true,
    namespace: platformNamespaces.meshRoot,
    values: {
      global: {
        ...global,
        defaultPodDisruptionBudget: { enabled: ha },
        // The injected containers carry their own seccomp profile: pods without one at pod level (some
        // operators' and charts') stay within the restricted profile once meshed.
        proxy: { resources: structuredClone(SIDECAR_RESOURCES), seccompProfile: { type: "RuntimeDefault" } },
      },
      // A fixed replica count: config owns it (the chart's autoscaler would override it).
      autoscaleEnabled: false,
      replicaCount: mesh.istiodReplicas,
      pdb: { minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" },
      cni: { enabled: true },
      seccompProfile: { type: "RuntimeDefault" },
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      nodeSelector,
      tolerations,
      topologySpreadConstraints: spreadConstraints({ ...ISTIOD_POD_LABELS }, placement),
      meshConfig: {
        trustDomain: TRUST_DOMAIN,
        // Envoy's own metrics on :15090, separate from the application's (scraped with mTLS).
        enablePrometheusMerge: false,
        defaultConfig: { holdApplicationUntilProxyStarts: true },
        outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
      },
    },
  };
}

/**
 * How the gateway's Envoy learns the client's address from the load balancer in front (Istio's
 * `gatewayTopology`): an ALB appends it to X-Forwarded-For (one trusted hop); an NLB in proxy-protocol mode
 * sends a PROXY v2 header on every connection; an NLB that preserves the client's address needs nothing.
 */
export function gatewayTopologyAnnotations(mesh: MeshSpec): Record<string, string> {
  const g = mesh.gateway;
  if (g.loadBalancer === "alb") return { "proxy.istio.io/config": JSON.stringify({ gatewayTopology: { numTrustedProxies: 1 } }) };
  if (g.clientAddress === "proxy-protocol") return { "proxy.istio.io/config": JSON.stringify({ gatewayTopology: { proxyProtocol: {} } }) };
  return {};
}

/**
 * What both gateways' Deployments share: the replicas (one per zone in prod, with a PDB), the restricted
 * security context with unprivileged ports, the system pool, the zone spread of their own pods.
 */
function gatewayDeploymentValues(replicas: number, podLabels: Record<string, string>, placement: PlacementSpec): Record<string, unknown> {
  const { nodeSelector, tolerations } = podPlacement("system");
  return {
    replicaCount: replicas,
    autoscaling: { enabled: false },
    securityContext: { runAsNonRoot: true, runAsUser: 1337, runAsGroup: 1337, fsGroup: 1337, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: restrictedContainerSecurityContext(),
    resources: { requests: { cpu: "200m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    podDisruptionBudget: replicas > 1 ? { minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" } : {},
    nodeSelector,
    tolerations,
    topologySpreadConstraints: spreadConstraints(podLabels, placement),
  };
}

/**
 * The ingress gateway's Deployment (its Service is the edge capability's: the one load balancer of the
 * platform, or the ALB's backend). Unprivileged ports, the restricted security context, on the system pool.
 */
export function istioGatewayChart(mesh: MeshSpec, placement: PlacementSpec): HelmChartSpec {
  const annotations = gatewayTopologyAnnotations(mesh);
  const { replicaCount, autoscaling, ...rest } = gatewayDeploymentValues(mesh.gateway.replicas, gatewayPodLabels(), placement);
  return {
    ...istioCharts.gateway,
    releaseName: meshReleaseNames.gateway,
    includeCRDs: true,
    namespace: platformNamespaces.gateway,
    values: {
      replicaCount,
      autoscaling,
      service: { type: "None" },
      ...(Object.keys(annotations).length ? { podAnnotations: annotations } : {}),
      ...rest,
    },
  };
}

/**
 * The egress gateway: the same chart and pin as the ingress gateway, in its own namespace, as many replicas
 * (HA in prod), with a ClusterIP Service whose two listeners the layers' sidecars reach over mTLS.
 */
export function istioEgressGatewayChart(mesh: MeshSpec, placement: PlacementSpec): HelmChartSpec {
  const listeners = Object.values(egressGatewayListeners).map((l) => ({ name: l.name, port: l.port, protocol: "TCP", targetPort: l.targetPort }));
  return {
    ...istioCharts.gateway,
    releaseName: EGRESS_GATEWAY_NAME,
    includeCRDs: true,
    namespace: EGRESS_GATEWAY_NAMESPACE,
    values: { ...gatewayDeploymentValues(mesh.gateway.replicas, egressGatewayPodLabels(), placement), service: { type: "ClusterIP", ports: listeners } },
  };
}

/** The mesh's charts; the egress gateway only when some layer declares egress. */
export function meshCharts(mesh: MeshSpec, placement: PlacementSpec, layers: ApplicationLayerSpec[]) {
  return {
    base: istioBaseChart(),
    cni: istioCniChart(),
    istiod: istiodChart(mesh, placement),
    gateway: istioGatewayChart(mesh, placement),
    ...(egressDeclared(layers) ? { egressGateway: istioEgressGatewayChart(mesh, placement) } : {}),
  };
}
