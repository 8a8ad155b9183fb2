import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { MeshSpec } from "./spec";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import { istioPorts, meshInjectionLabels } from "../../platform/istio";
import { layerLabels, layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { applicationLayerNames, servingPorts } from "../../manifests/layer-names";
import { exemptNamespace } from "../../manifests/namespace-exemption";
import { restrictedNamespace } from "../../manifests/namespace";
import {
  allowDnsEgress,
  allowEgress,
  allowHttpsEgress,
  allowIngress,
  allowIngressFromAnywhere,
  allowIngressFromVpc,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { gatewayTargetPorts } from "./charts";
import { edgeLayers } from "./edge-layers";
import { gatewayPodLabels, ISTIOD_POD_LABELS } from "../../manifests/mesh-names";
import { allowProxyEgressToIstiod, PROXY_EGRESS_TO_ISTIOD } from "../../manifests/mesh-proxy-egress";


/** The Istio CNI node agent: host access, so its own namespace (an explicit Pod Security exemption). */
export const MESH_CNI_NAMESPACE = "istio-cni";

/** Why the CNI agent's namespace leaves the restricted profile: on its namespace, and as the pack's exemption. */
export const CNI_EXEMPTION =
  "The Istio CNI node agent installs the mesh's CNI plugin on every node (host network, host paths /opt/cni/bin and /etc/cni/net.d, privileged): it is what lets meshed application pods stay restricted, without the NET_ADMIN istio-init container.";

/** Labels of every object of the mesh layer. */
export const meshLabels = layerLabels("mesh");

export const meshPolicyName = {
  ingressFromProxies: "allow-ingress-from-proxies",
  ingressWebhooks: "allow-ingress-webhooks",
  ingressFromMonitoring: "allow-ingress-from-monitoring",
  ingressFromLoadBalancer: "allow-ingress-from-load-balancer",
  ingressHealthChecks: "allow-ingress-load-balancer-health-checks",
  egressToIstiod: PROXY_EGRESS_TO_ISTIOD,
  egressToEdgeLayer: "allow-egress-to-edge-layer",
  httpsEgress: "allow-egress-https",
};

/**
 * Where istiod's clients (sidecars and gateways) run: every namespace labelled for injection (the application
 * layers, and any later layer that joins the mesh the same way), the gateway's namespace and monitoring's
 * (their pods ask for a proxy by pod label).
 */
export function meshProxyPeers(): INetworkPolicyPeer[] {
  return [{ namespaceSelector: { matchLabels: meshInjectionLabels() } }, namespacePeer(platformNamespaces.gateway), namespacePeer(platformNamespaces.monitoring)];
}

/** istiod's namespace: proxies fetch config and certificates from it; the API server calls its webhooks. */
function controlPlaneNamespace(vpcCidr: string): KubernetesObject[] {
  const ns = platformNamespaces.meshRoot;
  const istiod = { ...ISTIOD_POD_LABELS };
  return [
    restrictedNamespace(ns, meshLabels),
    defaultDeny(ns, meshLabels),
    allowDnsEgress(ns, meshLabels),
    allowHttpsEgress(ns, meshPolicyName.httpsEgress, meshLabels, vpcCidr, "istiod watches the Kubernetes API and patches its webhook configurations"),
    allowIngress(ns, meshPolicyName.ingressFromProxies, meshLabels, istiod, meshProxyPeers(), tcpPorts([istioPorts.xds])),
    allowIngressFromVpc(
      ns,
      meshPolicyName.ingressWebhooks,
      meshLabels,
      istiod,
      vpcCidr,
      tcpPorts([istioPorts.webhook]),
      "the API server calls istiod's injection and validation webhooks from its endpoint's network interfaces in the VPC",
    ),
    allowIngress(ns, meshPolicyName.ingressFromMonitoring, meshLabels, istiod, namespacePeer(platformNamespaces.monitoring), tcpPorts([istioPorts.controlPlaneMetrics])),
  ] as KubernetesObject[];
}

/** The CNI node agent's namespace: privileged, its one documented exemption. */
function cniNamespace(vpcCidr: string): KubernetesObject[] {
  const ns = MESH_CNI_NAMESPACE;
  return [
    exemptNamespace(ns, meshLabels, CNI_EXEMPTION),
    defaultDeny(ns, meshLabels),
    allowDnsEgress(ns, meshLabels),
    allowHttpsEgress(ns, meshPolicyName.httpsEgress, meshLabels, vpcCidr, "the CNI node agent watches pods through the Kubernetes API"),
  ] as KubernetesObject[];
}

/**
 * Who the load balancer's traffic comes from, as the gateway pods see it. Internal: the VPC. Internet-facing
 * behind an NLB that keeps the client's address: anyone, on the listeners' ports only, and the NLB's health
 * checks from the VPC. Behind an ALB, or an NLB sending the address in a PROXY header: the load balancer's
 * own addresses in the VPC.
 */
function loadBalancerIngress(mesh: MeshSpec, vpcCidr: string): NetworkPolicyObject[] {
  const ns = platformNamespaces.gateway;
  const gateway = gatewayPodLabels();
  const g = mesh.gateway;
  // An ALB speaks HTTP to the gateway; an NLB passes both listeners through.
  const listeners = g.loadBalancer === "alb" ? [gatewayTargetPorts.http] : [gatewayTargetPorts.http, gatewayTargetPorts.https];
  if (g.exposure === "internet-facing" && g.loadBalancer === "nlb" && g.clientAddress === "preserve") {
    return [
      allowIngressFromAnywhere(ns, meshPolicyName.ingressFromLoadBalancer, meshLabels, gateway, tcpPorts(listeners), "the internet-facing NLB keeps each client's address as the source: clients from anywhere reach the listeners' ports"),
      allowIngressFromVpc(ns, meshPolicyName.ingressHealthChecks, meshLabels, gateway, vpcCidr, tcpPorts([istioPorts.status]), "the NLB's health checks come from its addresses in the VPC"),
    ];
  }
  const reason =
    g.exposure === "internal"
      ? "the internal load balancer forwards clients in the VPC, and its health checks, to the gateway pods"
      : `the ${g.loadBalancer.toUpperCase()} connects from its own addresses in the VPC; the client's address arrives ${g.loadBalancer === "alb" ? "in X-Forwarded-For" : "in a PROXY protocol header"}`;
  return [allowIngressFromVpc(ns, meshPolicyName.ingressFromLoadBalancer, meshLabels, gateway, vpcCidr, tcpPorts([...listeners, istioPorts.status]), reason)];
}

/** The gateway's namespace: the load balancer in, the edge layer (or its tenants' copies) and istiod out. */
function gatewayNamespace(mesh: MeshSpec, layers: ApplicationLayerSpec[], vpcCidr: string): KubernetesObject[] {
  const ns = platformNamespaces.gateway;
  const gateway = gatewayPodLabels();
  // Every route leads to the edge layer or a tenant's copy of it: the same ports.
  const edges = edgeLayers(mesh, layers);
  const policies: NetworkPolicyObject[] = [
    defaultDeny(ns, meshLabels),
    allowDnsEgress(ns, meshLabels),
    ...loadBalancerIngress(mesh, vpcCidr),
    allowProxyEgressToIstiod(ns, meshLabels, gateway),
    allowEgress(
      ns,
      meshPolicyName.egressToEdgeLayer,
      meshLabels,
      gateway,
      edges.map((edge) => namespacePeer(applicationLayerNames(edge).namespace, layerSelector(edge.name))),
      servingPorts(edges[0]).map((p) => ({ protocol: p.protocol, port: p.port })),
    ),
    allowIngress(ns, meshPolicyName.ingressFromMonitoring, meshLabels, gateway, namespacePeer(platformNamespaces.monitoring), tcpPorts([istioPorts.envoyMetrics])),
  ];
  return [restrictedNamespace(ns, meshLabels), ...policies] as KubernetesObject[];
}

export function meshNamespaces(mesh: MeshSpec, layers: ApplicationLayerSpec[], vpcCidr: string): KubernetesObject[] {
  return [...controlPlaneNamespace(vpcCidr), ...cniNamespace(vpcCidr), ...gatewayNamespace(mesh, layers, vpcCidr)];
}
