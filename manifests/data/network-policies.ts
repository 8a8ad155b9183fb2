import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { istioPorts } from "../../platform/istio";
import { layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { allowPolicyName } from "../layer-callers";
import { applicationLayerNames } from "../layer-names";
import { allowProxyEgressToIstiod } from "../mesh-proxy-egress";
import {
  allowDnsEgress,
  allowEgress,
  allowIngress,
  allowHttpsEgress,
  allowPublicHttpsEgress,
  allowWithinNamespace,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../network-policy";

/**
 * The network rules of a data service's two namespaces, from platform/data-services.ts. Default deny in
 * both directions, then exactly:
 * The data namespace is in the mesh: its pods' sidecars reach istiod.
 * - data namespace: DNS; ingress from each application layer that declares the service, on the client
 *   ports, from that layer's pods only; the service's own pods among themselves on the peer ports; the
 *   operator on the operator ports; monitoring on the metrics ports and the sidecars' Envoy port; HTTPS to the VPC where the service's
 *   pods call the Kubernetes API or AWS (STS, S3 through the VPC's interface endpoints); HTTPS anywhere only
 *   for the pods that call S3 in another region (Postgres's pgBackRest, when a repository names its region).
 * - operator namespace: DNS; the Kubernetes API; egress to the data namespace on the operator ports;
 *   monitoring on the operator's metrics port.
 * The Kubernetes API and AWS are port 443 at the cluster's VPC (`cluster.vpcCidr`), never anywhere.
 */

/** Where the cluster's addresses the data namespaces' rules name are, and the pods of the public exception. */
export interface DataNetwork {
  /** The cluster's VPC (`cluster.vpcCidr`): the API server's endpoint interfaces and the AWS interface endpoints. */
  vpcCidr: string;
  /** The service's pods that call AWS outside the VPC's reach: only with a reason (`publicAwsHttps`), and only when needed. */
  publicAwsHttpsPods?: ILabelSelector;
}

export const dataPolicyName = {
  ingressFromLayer: allowPolicyName.ingressFromLayer,
  ingressFromMonitoring: allowPolicyName.ingressFromMonitoring,
  ingressFromOperator: "allow-ingress-from-operator",
  withinNamespace: "allow-within-namespace",
  egressToService: (service: DataServiceName) => `allow-egress-to-${service}`,
  egressToMeshControlPlane: allowPolicyName.egressToMeshControlPlane,
  httpsEgress: "allow-egress-https",
  publicAwsHttpsEgress: "allow-egress-aws-https",
};

/** The application layers that declared `service`, in config order: the only layers its namespace admits. */
export function usersOf(service: DataServiceName, layers: ApplicationLayerSpec[]): ApplicationLayerSpec[] {
  return layers.filter((layer) => layer.dataServices[service] !== undefined);
}

/** The public AWS egress of a service's data namespace: none, or exactly its `publicAwsHttps` pods. */
function publicAwsHttps(service: DataServiceName, network: DataNetwork, labels: Record<string, string>): NetworkPolicyObject[] {
  const reason = dataServiceTraffic[service].publicAwsHttps;
  if (reason === undefined && network.publicAwsHttpsPods !== undefined) {
    throw new Error(`${service}: the pods that call AWS's public endpoints go with a reason (platform/data-services.ts)`);
  }
  if (reason === undefined || network.publicAwsHttpsPods === undefined) return [];
  return [allowPublicHttpsEgress(dataServiceEndpoints[service].namespace, dataPolicyName.publicAwsHttpsEgress, labels, network.publicAwsHttpsPods, reason)];
}

export function dataNamespacePolicies(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>, network: DataNetwork): NetworkPolicyObject[] {
  const endpoint = dataServiceEndpoints[service];
  const traffic = dataServiceTraffic[service];
  const ns = endpoint.namespace;
  const all = {};
  const fromLayers = usersOf(service, layers).map((layer) =>
    allowIngress(
      ns,
      dataPolicyName.ingressFromLayer(layer.name),
      labels,
      all,
      namespacePeer(applicationLayerNames(layer).namespace, layerSelector(layer.name)),
      tcpPorts(endpoint.ports.map((p) => p.port)),
    ),
  );
  return [
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowProxyEgressToIstiod(ns, labels, all),
    ...fromLayers,
    allowWithinNamespace(ns, dataPolicyName.withinNamespace, labels, tcpPorts(traffic.peerPorts)),
    allowIngress(ns, dataPolicyName.ingressFromOperator, labels, all, namespacePeer(traffic.operatorNamespace), tcpPorts(traffic.operatorPorts)),
    allowIngress(ns, dataPolicyName.ingressFromMonitoring, labels, all, namespacePeer(platformNamespaces.monitoring), tcpPorts([...traffic.metricsPorts, istioPorts.envoyMetrics])),
    ...(traffic.httpsEgress ? [allowHttpsEgress(ns, dataPolicyName.httpsEgress, labels, network.vpcCidr, traffic.httpsEgress)] : []),
    ...publicAwsHttps(service, network, labels),
  ];
}

export function operatorNamespacePolicies(service: DataServiceName, labels: Record<string, string>, network: DataNetwork): NetworkPolicyObject[] {
  const traffic = dataServiceTraffic[service];
  const ns = traffic.operatorNamespace;
  const all = {};
  return [
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, dataPolicyName.httpsEgress, labels, network.vpcCidr, `the ${service} operator watches and writes its resources through the Kubernetes API`),
    allowEgress(ns, dataPolicyName.egressToService(service), labels, all, namespacePeer(dataServiceEndpoints[service].namespace), tcpPorts(traffic.operatorPorts)),
    allowIngress(ns, dataPolicyName.ingressFromMonitoring, labels, all, namespacePeer(platformNamespaces.monitoring), tcpPorts([traffic.operatorMetricsPort])),
  ];
}
