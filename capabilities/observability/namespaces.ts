import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, dataServicesUsedBy, dataServiceTraffic } from "../../platform/data-services";
import { istioPorts } from "../../platform/istio";
import { dnsPodLabels, platformNamespaces } from "../../platform/namespaces";
import { applicationLayerNames, metricsPort } from "../../manifests/layer-names";
import { BACKUP_NAMESPACE, VELERO_METRICS_PORT } from "../backup";
import { EGRESS_GATEWAY_NAMESPACE } from "../../platform/egress";
import { egressDeclared } from "../../manifests/egress-gateway";
import { exemptNamespace } from "../../manifests/namespace-exemption";
import { restrictedNamespace } from "../../manifests/namespace";
import {
  allowDnsEgress,
  allowEgress,
  allowEgressToVpc,
  allowHttpsEgress,
  allowIngress,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { allowProxyEgressToIstiod } from "../../manifests/mesh-proxy-egress";
import { ALERTMANAGER_PORTS, COREDNS_METRICS_PORT, GRAFANA_PORT, KUBE_STATE_METRICS_PORT, KUBELET_PORT, MONITORING_NAMESPACE, NODE_EXPORTER_PORT, OPERATOR_PORT, PROMETHEUS_PORT, thanosPorts } from "./names";

/** Why the node exporter's namespace leaves the restricted profile. */
export const NODE_EXPORTER_EXEMPTION = "The Prometheus node exporter reports the node's own metrics (host network and PID namespaces, read-only hostPath /, /proc and /sys).";

/** The ports the monitoring components reach each other on (Prometheus, Alertmanager and its gossip, Thanos, Grafana, exporters). */
const INTERNAL_PORTS = [
  ...tcpPorts([PROMETHEUS_PORT, ALERTMANAGER_PORTS.web, ALERTMANAGER_PORTS.cluster, thanosPorts.grpc, thanosPorts.http, GRAFANA_PORT, OPERATOR_PORT, KUBE_STATE_METRICS_PORT]),
  // Alertmanager's peers gossip over UDP as well as TCP.
  { protocol: "UDP" as const, port: ALERTMANAGER_PORTS.cluster },
];

/**
 * The monitoring namespace's rules: among its own components; out to every scrape target on its metrics
 * ports only (layers, Envoy proxies, data services and their operators, Velero, istiod, the gateway);
 * the kubelets and node exporters (host network: no selector, so the VPC's addresses on those ports only);
 * HTTPS into the VPC (API server, and S3 and STS through the VPC's endpoints); istiod for Prometheus's sidecar.
 */
function monitoringPolicies(layers: ApplicationLayerSpec[], vpcCidr: string, labels: Record<string, string>): NetworkPolicyObject[] {
  const ns = MONITORING_NAMESPACE;
  const all = {};
  const toLayers = layers.map((layer) =>
    allowEgress(ns, `allow-egress-to-layer-${layer.name}`, labels, all, namespacePeer(applicationLayerNames(layer).namespace), [
      { protocol: metricsPort(layer).protocol, port: metricsPort(layer).port },
      ...tcpPorts([istioPorts.envoyMetrics]),
    ]),
  );
  const toData = dataServicesUsedBy(layers).flatMap((s) => [
      allowEgress(ns, `allow-egress-to-${s}`, labels, all, namespacePeer(dataServiceEndpoints[s].namespace), tcpPorts([...dataServiceTraffic[s].metricsPorts, istioPorts.envoyMetrics])),
      allowEgress(ns, `allow-egress-to-${s}-operator`, labels, all, namespacePeer(dataServiceTraffic[s].operatorNamespace), tcpPorts([dataServiceTraffic[s].operatorMetricsPort])),
    ]);
  const within = namespacePeer(ns);
  return [
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    {
      ...allowIngress(ns, "allow-within-namespace", labels, all, within, INTERNAL_PORTS),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [within], ports: INTERNAL_PORTS }], egress: [{ to: [within], ports: INTERNAL_PORTS }] },
    },
    allowHttpsEgress(ns, "allow-egress-https", labels, vpcCidr, "Prometheus discovers targets and the operator and kube-state-metrics watch the Kubernetes API; Thanos reads and writes S3 through STS web identity"),
    allowEgressToVpc(ns, "allow-egress-to-nodes", labels, vpcCidr, tcpPorts([KUBELET_PORT, NODE_EXPORTER_PORT]), "kubelets (cAdvisor) and the node exporter listen on the nodes' addresses in the VPC (host network: no selector)"),
    allowProxyEgressToIstiod(ns, labels, all, [istioPorts.controlPlaneMetrics]),
    allowEgress(ns, "allow-egress-to-gateway", labels, all, namespacePeer(platformNamespaces.gateway), tcpPorts([istioPorts.envoyMetrics])),
    ...(egressDeclared(layers) ? [allowEgress(ns, "allow-egress-to-egress-gateway", labels, all, namespacePeer(EGRESS_GATEWAY_NAMESPACE), tcpPorts([istioPorts.envoyMetrics]))] : []),
    allowEgress(ns, "allow-egress-to-coredns", labels, all, namespacePeer(platformNamespaces.dns, { ...dnsPodLabels }), tcpPorts([COREDNS_METRICS_PORT])),
    allowEgress(ns, "allow-egress-to-velero", labels, all, namespacePeer(BACKUP_NAMESPACE), tcpPorts([VELERO_METRICS_PORT])),
    ...toLayers,
    ...toData,
  ];
}

function nodeExporterNamespace(labels: Record<string, string>): KubernetesObject[] {
  const ns = platformNamespaces.nodeExporter;
  return [
    exemptNamespace(ns, labels, NODE_EXPORTER_EXEMPTION),
    defaultDeny(ns, labels),
    allowIngress(ns, "allow-ingress-from-monitoring", labels, {}, namespacePeer(MONITORING_NAMESPACE), tcpPorts([NODE_EXPORTER_PORT])),
  ] as KubernetesObject[];
}

export function observabilityNamespaces(layers: ApplicationLayerSpec[], vpcCidr: string, labels: Record<string, string>): KubernetesObject[] {
  return [restrictedNamespace(MONITORING_NAMESPACE, labels), ...monitoringPolicies(layers, vpcCidr, labels), ...nodeExporterNamespace(labels)] as KubernetesObject[];
}
