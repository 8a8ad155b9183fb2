import { platformNamespaces } from "../../platform/namespaces";
import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster } from "../cluster";
import { meshIssues } from "./checks";
import type { Mesh } from "./component";
import { meshDesiredState } from "./desired-state";
import { layerMeshObjects } from "./layer-policies";
import { CNI_EXEMPTION, MESH_CNI_NAMESPACE } from "./namespaces";
import { EGRESS_GATEWAY_EXEMPTION, EGRESS_GATEWAY_PUBLIC_POLICY } from "./egress-namespace";
import { EGRESS_GATEWAY_NAMESPACE } from "../../platform/egress";
import { meshProfileDefaults } from "./defaults";
import { istioCharts, istioImages } from "./pins";
import { resolveMesh } from "./resolve";
import { meshSchema } from "./schema";
import type { MeshPlatform, MeshSpec } from "./spec";

export type { Mesh, MeshArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const meshComponents = (): typeof import("./component") => require("./component");
export { meshDesiredState, meshPeerAuthentication, type MeshPlan } from "./desired-state";
export { edgeCertificateSecretName, gatewayHosts, gatewayServesTls } from "./gateway";
export { gatewayTargetPorts, meshReleaseNames } from "./charts";
export { configuredGatewayHosts, hostInZone, type ConfiguredHost } from "./edge-checks";
export { MESH_CNI_NAMESPACE } from "./namespaces";
export { egressHosts, egressObjects, type EgressHost } from "./egress";
export { egressObjectName, egressSubsetName } from "./egress-names";
export { EGRESS_GATEWAY_EXEMPTION, EGRESS_GATEWAY_PUBLIC_POLICY, egressNamespace, egressPolicyName } from "./egress-namespace";
export { istioEgressGatewayChart } from "./charts";
export { layerAuthorizationPolicy, layerDestinationRule, layerMeshObjects, layerSidecar } from "./layer-policies";
export { ISTIO_VERSION, istioCharts, istioImages } from "./pins";
export type * from "./spec";

/** The mesh's edge (the stack's `mesh` output; the load balancer's address is the `edge` output's). */
export interface MeshOutputs {
  /** The namespace of the gateway (and its one load balancer). */
  gatewayNamespace: string;
}


/**
 * The Istio mesh (base, cni, istiod, gateway): mesh-wide mTLS, the ingress gateway and its routes to the
 * edge layer, and in each application layer's namespace an AuthorizationPolicy admitting exactly its
 * declared callers, a Sidecar scoping its egress, and a DestinationRule with the traffic policy.
 */
export const mesh = defineCapability({
  name: "mesh",
  summary: "the Istio mesh: STRICT mTLS, the CNI plugin, the ingress gateway, the egress gateway for declared external hosts, and per layer an AuthorizationPolicy, Sidecar and DestinationRule",
  config: { key: "mesh", schema: meshSchema },
  defaults: meshProfileDefaults,
  needs: ["cluster"],
  namespaces: [
    { name: platformNamespaces.meshRoot },
    { name: MESH_CNI_NAMESPACE, exemptions: [{ rule: "namespace-restricted-pod-security", kind: "Namespace", reason: CNI_EXEMPTION }] },
    { name: platformNamespaces.gateway },
    // Present when some layer declares egress (layers[].egress).
    { name: EGRESS_GATEWAY_NAMESPACE, exemptions: [{ rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: EGRESS_GATEWAY_PUBLIC_POLICY, reason: EGRESS_GATEWAY_EXEMPTION }] },
  ],
  charts: [istioCharts.base, istioCharts.cni, istioCharts.istiod, istioCharts.gateway],
  images: [`${istioImages.hub}/pilot:${istioImages.tag}`, `${istioImages.hub}/proxyv2:${istioImages.tag}`, `${istioImages.hub}/install-cni:${istioImages.tag}`],
  crdGroups: ["networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io"],
  checks: meshIssues,
  resolve: ({ input, profile, core }): MeshSpec => resolveMesh(input ?? {}, profile, core.configuredLayers, core.tenants),
  desiredState(spec, context) {
    const plan = meshDesiredState(platformOf(spec, context));
    const { base, cni, istiod, gateway, egressGateway } = plan.charts;
    return [{ name: "mesh", helmCharts: [base, cni, istiod, gateway, ...(egressGateway ? [egressGateway] : [])], objects: [...plan.prerequisites, ...plan.customResources] }];
  },
  layerObjects: (spec, layer, context) => layerMeshObjects(layer, { layers: context.platform.layers, mesh: spec }),
  deploy(spec, context): Mesh {
    const nodes = context.handle(cluster)!;
    return new (meshComponents().Mesh)("mesh", { platform: platformOf(spec, context), provider: nodes.kubernetesProvider, workloadDependsOn: nodes.nodeGroupsOf("system") }, { parent: context.parent });
  },
  // Started before istiod, a pod would run without its sidecar.
  layerPodsWaitFor: (handle) => [handle.injector],
  crdInstaller: (handle) => handle.crds,
  outputs: () => ({ mesh: pulumiSdk().output({ gatewayNamespace: platformNamespaces.gateway }) }),
});

/** What the mesh's desired state reads: the core, the cluster's network, its own spec. */
function platformOf(spec: MeshSpec, context: LayerObjectsContext): MeshPlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, mesh: spec };
}
