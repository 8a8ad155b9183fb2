import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { meshInjectionLabels, portsOutsideProxyAnnotations } from "../../platform/istio";
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
 * The annotations of every pod of a data service: which ports' traffic stays outside its sidecar: its
 * `portsOutsideMesh` and its metrics ports (scraped in plain text by monitoring alone; platform/data-services.ts).
 */
export function dataPodMeshAnnotations(service: DataServiceName): Record<string, string> {
  const traffic = dataServiceTraffic[service];
  return portsOutsideProxyAnnotations([...traffic.portsOutsideMesh.ports, ...traffic.metricsPorts]);
}

/**
 * The two namespaces of a data layer, both at the restricted Pod Security level and in the mesh (the
 * operator's too: under STRICT mTLS only meshed clients reach meshed pods), with their network policies:
 * the operator's own namespace and the data namespace its custom resources live in.
 * `publicAwsHttpsPods`: the service's pods that call AWS outside the VPC's reach, only when some must.
 */
export function dataLayerNamespaces(service: DataServiceName, platform: PlatformSpec, publicAwsHttpsPods?: DataNetwork["publicAwsHttpsPods"]): KubernetesObject[] {
  const labels = dataLayerLabels(service);
  const network: DataNetwork = { vpcCidr: platform.cluster.vpcCidr, ...(publicAwsHttpsPods ? { publicAwsHttpsPods } : {}) };
  return [
    restrictedNamespace(dataServiceTraffic[service].operatorNamespace, { ...labels, ...meshInjectionLabels() }),
    ...operatorNamespacePolicies(service, labels, network),
    restrictedNamespace(dataServiceEndpoints[service].namespace, { ...labels, ...meshInjectionLabels() }),
    ...dataNamespacePolicies(service, platform.layers, labels, network),
  ] as KubernetesObject[];
}
