import type { ApplicationLayerSpec } from "../../config/spec";
import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { layerSelector } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { allowPolicyName } from "../application/network-policies";
import { applicationLayerNames } from "../application/names";
import {
  allowDnsEgress,
  allowEgress,
  allowHttpsEgress,
  allowIngress,
  allowWithinNamespace,
  defaultDeny,
  namespacePeer,
  tcpPorts,
  type NetworkPolicyObject,
} from "../common/network-policy";

/**
 * The network rules of a data service's two namespaces, from platform/data-services.ts. Default deny in
 * both directions, then exactly:
 * - data namespace: DNS; ingress from each application layer that declares the service, on the client
 *   ports, from that layer's pods only; the service's own pods among themselves on the peer ports; the
 *   operator on the operator ports; monitoring on the metrics ports; HTTPS egress where the service needs it.
 * - operator namespace: DNS; HTTPS egress (the Kubernetes API); egress to the data namespace on the
 *   operator ports; monitoring on the operator's metrics port.
 */

export const dataPolicyName = {
  ingressFromLayer: allowPolicyName.ingressFromLayer,
  ingressFromMonitoring: allowPolicyName.ingressFromMonitoring,
  ingressFromOperator: "allow-ingress-from-operator",
  withinNamespace: "allow-within-namespace",
  egressToService: (service: DataServiceName) => `allow-egress-to-${service}`,
  httpsEgress: "allow-egress-https",
};

/** The application layers that declared `service`, in config order: the only layers its namespace admits. */
export function usersOf(service: DataServiceName, layers: ApplicationLayerSpec[]): ApplicationLayerSpec[] {
  return layers.filter((layer) => layer.dataServices[service] !== undefined);
}

export function dataNamespacePolicies(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>): NetworkPolicyObject[] {
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
    ...fromLayers,
    allowWithinNamespace(ns, dataPolicyName.withinNamespace, labels, tcpPorts(traffic.peerPorts)),
    allowIngress(ns, dataPolicyName.ingressFromOperator, labels, all, namespacePeer(traffic.operatorNamespace), tcpPorts(traffic.operatorPorts)),
    allowIngress(ns, dataPolicyName.ingressFromMonitoring, labels, all, namespacePeer(platformNamespaces.monitoring), tcpPorts(traffic.metricsPorts)),
    ...(traffic.httpsEgress ? [allowHttpsEgress(ns, dataPolicyName.httpsEgress, labels, traffic.httpsEgress)] : []),
  ];
}

export function operatorNamespacePolicies(service: DataServiceName, labels: Record<string, string>): NetworkPolicyObject[] {
  const traffic = dataServiceTraffic[service];
  const ns = traffic.operatorNamespace;
  const all = {};
  return [
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, dataPolicyName.httpsEgress, labels, `the ${service} operator watches and writes its resources through the Kubernetes API`),
    allowEgress(ns, dataPolicyName.egressToService(service), labels, all, namespacePeer(dataServiceEndpoints[service].namespace), tcpPorts(traffic.operatorPorts)),
    allowIngress(ns, dataPolicyName.ingressFromMonitoring, labels, all, namespacePeer(platformNamespaces.monitoring), tcpPorts([traffic.operatorMetricsPort])),
  ];
}
