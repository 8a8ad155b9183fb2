import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints, unmeshedPorts, type DataServiceName } from "../../platform/data-services";
import { serviceAccountPrincipal } from "../../platform/istio";
import { platformNamespaces } from "../../platform/namespaces";
import { applicationLayerNames } from "../layer-names";
import type { KubernetesObject } from "../kubernetes-object";
import { ISTIO_NAMESPACE_DEFAULT, NAMESPACE_AUTHORIZATION_POLICY, NAMESPACE_SIDECAR } from "../mesh-names";
import { usersOf } from "./network-policies";

/**
 * A data namespace's mesh objects. Applications reach the service over mTLS and are admitted by identity; the
 * traffic that carries no identity (the operator, the service's own pods by address, monitoring) is accepted
 * in plain text on its ports only, where the namespace's NetworkPolicies name exactly who may send it.
 */

const ports = (list: readonly number[]) => list.map(String);

function meta(service: DataServiceName, name: string, labels: Record<string, string>) {
  return { name, namespace: dataServiceEndpoints[service].namespace, labels };
}

/**
 * mTLS where the caller has a proxy, plain text accepted: the operator's pods have none, and the service's
 * pods reach each other by address on ports no Service names (the mesh cannot wrap those). Scoped to this
 * namespace; the AuthorizationPolicy below admits plain text on `unmeshedPorts` only.
 */
export function dataPeerAuthentication(service: DataServiceName, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: meta(service, ISTIO_NAMESPACE_DEFAULT, labels),
    spec: { mtls: { mode: "PERMISSIVE" } },
  };
}

/**
 * The data pods' proxies pass through what is not a mesh service (their peers by address, the Kubernetes API,
 * AWS): the namespace's NetworkPolicies bound that egress, not the mesh registry.
 */
export function dataSidecar(service: DataServiceName, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "Sidecar",
    metadata: meta(service, NAMESPACE_SIDECAR, labels),
    spec: { egress: [{ hosts: ["./*", `${platformNamespaces.meshRoot}/*`] }], outboundTrafficPolicy: { mode: "ALLOW_ANY" } },
  };
}

/**
 * Admits each layer that declared the service by its service account on the client ports, and traffic
 * without identity on `unmeshedPorts` only. Where the operator uses a client port (Redis, Postgres), that port
 * is among them: there the NetworkPolicies alone choose the callers.
 */
export function dataAuthorizationPolicy(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject {
  const clientPorts = ports(dataServiceEndpoints[service].ports.map((p) => p.port));
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: meta(service, NAMESPACE_AUTHORIZATION_POLICY, labels),
    spec: {
      action: "ALLOW",
      rules: [
        ...usersOf(service, layers).map((layer) => {
          const names = applicationLayerNames(layer);
          return { from: [{ source: { principals: [serviceAccountPrincipal(names.namespace, names.serviceAccount)] } }], to: [{ operation: { ports: clientPorts } }] };
        }),
        { to: [{ operation: { ports: ports(unmeshedPorts(service)) } }] },
      ],
    },
  };
}

/** A data layer's mesh objects: they need Istio's CRDs (the mesh's base release), nothing of the operator's. */
export function dataLayerMeshObjects(service: DataServiceName, layers: ApplicationLayerSpec[], labels: Record<string, string>): KubernetesObject[] {
  return [dataPeerAuthentication(service, labels), dataSidecar(service, labels), dataAuthorizationPolicy(service, layers, labels)];
}
