import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { meshInjectionLabels, outboundPortsOutsideProxyAnnotations } from "../../platform/istio";
import { layerLabels } from "../../platform/labels";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { restrictedNamespace } from "../namespace";
import { HTTPS_PORT } from "../network-policy";
import type { KubernetesObject } from "../kubernetes-object";
import { dataNamespacePolicies, operatorNamespacePolicies, type DataNetwork } from "./network-policies";

/** Labels of every object of a data layer: the layer is the service ("kafka", "postgres", "redis"). */
export function dataLayerLabels(service: DataServiceName): Record<string, string> {
  return layerLabels(service);
}

/**
 * The annotations of every pod of a data service: its HTTPS calls (the Kubernetes API, AWS; from init
 * containers too, before the proxy runs) leave outside its sidecar, when it makes any.
 */
export function dataPodMeshAnnotations(service: DataServiceName): Record<string, string> {
  return outboundPortsOutsideProxyAnnotations(dataServiceTraffic[service].httpsEgress ? [HTTPS_PORT] : []);
}

/**
 * The two namespaces of a data layer, both at the restricted Pod Security level, with their network
 * policies: the operator's own namespace (not in the mesh: the charts' pods cannot all carry the proxy's
 * settings) and the data namespace its custom resources live in (in the mesh: applications reach the
 * service over mTLS, by identity).
 * `publicAwsHttpsPods`: the service's pods that call AWS outside the VPC's reach (`publicAwsHttps`).
 */
export function dataLayerNamespaces(service: DataServiceName, platform: { layers: ApplicationLayerSpec[]; cluster: { vpcCidr: string } }, publicAwsHttpsPods?: DataNetwork["publicAwsHttpsPods"]): KubernetesObject[] {
  const labels = dataLayerLabels(service);
  const network: DataNetwork = { vpcCidr: platform.cluster.vpcCidr, ...(publicAwsHttpsPods ? { publicAwsHttpsPods } : {}) };
  return [
    restrictedNamespace(dataServiceTraffic[service].operatorNamespace, labels),
    ...operatorNamespacePolicies(service, labels, network),
    restrictedNamespace(dataServiceEndpoints[service].namespace, { ...labels, ...meshInjectionLabels() }),
    ...dataNamespacePolicies(service, platform.layers, labels, network),
  ] as KubernetesObject[];
}
