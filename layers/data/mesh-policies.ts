import type { ApplicationLayerSpec } from "../../config/spec";
import { dataServiceEndpoints, dataServiceTraffic, type DataServiceName } from "../../platform/data-services";
import { serviceAccountPrincipal } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import { applicationLayerNames } from "../application/names";
import type { KubernetesObject } from "../kubernetes-object";
import { usersOf } from "./network-policies";

/**
 * The mesh's half of a data layer's isolation, from the same declarations as its NetworkPolicies: an ALLOW
 * AuthorizationPolicy per namespace (once a workload has one, Istio denies every request no rule matches).
 * Ports that stay outside the sidecars (`portsOutsideMesh`, metrics) are the NetworkPolicies' alone.
 */

export const DATA_AUTHORIZATION_POLICY = "allow-declared-callers";

const ports = (list: readonly number[]) => list.map(String);

function authorizationPolicy(namespace: string, labels: Record<string, string>, rules: object[]): KubernetesObject {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: { name: DATA_AUTHORIZATION_POLICY, namespace, labels },
    spec: { action: "ALLOW", rules },
  };
}

/**
 * The data namespace admits: each layer that declared the service (its service account) on the client
 * ports; the service's own pods among themselves on the peer ports; the operator on the operator ports.
 */
export function dataNamespaceAuthorizationPolicy(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject {
  const endpoint = dataServiceEndpoints[service];
  const traffic = dataServiceTraffic[service];
  const clientPorts = ports(endpoint.ports.map((p) => p.port));
  return authorizationPolicy(endpoint.namespace, labels, [
    ...usersOf(service, layers).map((layer) => {
      const names = applicationLayerNames(layer);
      return { from: [{ source: { principals: [serviceAccountPrincipal(names.namespace, names.serviceAccount)] } }], to: [{ operation: { ports: clientPorts } }] };
    }),
    { from: [{ source: { namespaces: [endpoint.namespace] } }], to: [{ operation: { ports: ports(traffic.peerPorts) } }] },
    { from: [{ source: { namespaces: [traffic.operatorNamespace] } }], to: [{ operation: { ports: ports(traffic.operatorPorts) } }] },
  ]);
}

/** The operator's namespace admits monitoring on the operator's metrics port, nothing else. */
export function operatorNamespaceAuthorizationPolicy(service: DataServiceName, labels: Record<string, string>): KubernetesObject {
  const traffic = dataServiceTraffic[service];
  return authorizationPolicy(traffic.operatorNamespace, labels, [
    { from: [{ source: { namespaces: [platformNamespaces.monitoring] } }], to: [{ operation: { ports: ports([traffic.operatorMetricsPort]) } }] },
  ]);
}

/** A data layer's mesh objects: they need Istio's CRDs (the mesh's base release), nothing of the operator's. */
export function dataLayerMeshObjects(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  return [operatorNamespaceAuthorizationPolicy(service, labels), dataNamespaceAuthorizationPolicy(service, layers, labels)];
}
