import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { layerLabels } from "../../platform/labels";
import type { ApplicationLayerSpec } from "../../config/spec";
import { restrictedNamespace } from "../common/namespace";
import type { KubernetesObject } from "../kubernetes-object";
import { dataNamespacePolicies, operatorNamespacePolicies } from "./network-policies";

/** Labels of every object of a data layer: the layer is the service ("kafka", "postgres", "redis"). */
export function dataLayerLabels(service: DataServiceName): Record<string, string> {
  return layerLabels(service);
}

/**
 * The two namespaces of a data layer, both at the restricted Pod Security level, with their network
 * policies: the operator's own namespace and the data namespace its custom resources live in.
 */
export function dataLayerNamespaces(service: DataServiceName, layers: ApplicationLayerSpec[]): KubernetesObject[] {
  const labels = dataLayerLabels(service);
  return [
    restrictedNamespace(dataServiceTraffic[service].operatorNamespace, labels),
    ...operatorNamespacePolicies(service, labels),
    restrictedNamespace(dataServiceEndpoints[service].namespace, labels),
    ...dataNamespacePolicies(service, layers, labels),
  ] as KubernetesObject[];
}
