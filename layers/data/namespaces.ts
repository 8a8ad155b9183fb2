import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { layerLabels } from "../../platform/labels";
import type { PlatformSpec } from "../../config/spec";
import { restrictedNamespace } from "../common/namespace";
import type { KubernetesObject } from "../kubernetes-object";
import { dataNamespacePolicies, operatorNamespacePolicies, type DataNetwork } from "./network-policies";

/** Labels of every object of a data layer: the layer is the service ("kafka", "postgres", "redis"). */
export function dataLayerLabels(service: DataServiceName): Record<string, string> {
  return layerLabels(service);
}

/**
 * The two namespaces of a data layer, both at the restricted Pod Security level, with their network
 * policies: the operator's own namespace and the data namespace its custom resources live in.
 * `publicAwsHttpsPods`: the service's pods that call AWS outside the VPC's reach, only when some must.
 */
export function dataLayerNamespaces(service: DataServiceName, platform: PlatformSpec, publicAwsHttpsPods?: DataNetwork["publicAwsHttpsPods"]): KubernetesObject[] {
  const labels = dataLayerLabels(service);
  const network: DataNetwork = { vpcCidr: platform.cluster.vpcCidr, ...(publicAwsHttpsPods ? { publicAwsHttpsPods } : {}) };
  return [
    restrictedNamespace(dataServiceTraffic[service].operatorNamespace, labels),
    ...operatorNamespacePolicies(service, labels, network),
    restrictedNamespace(dataServiceEndpoints[service].namespace, labels),
    ...dataNamespacePolicies(service, platform.layers, labels, network),
  ] as KubernetesObject[];
}
