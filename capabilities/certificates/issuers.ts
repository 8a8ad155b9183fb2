import { platformNamespaces } from "../../platform/namespaces";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { edgeCertificateSecretName, gatewayHosts, type MeshSpec } from "../mesh";
import { ACME_SERVERS, clusterIssuerName, type AcmeEnvironment } from "./names";
import { certificatesLabels } from "./namespace";
import type { CertificatesSpec } from "./spec";

/**
 * A ClusterIssuer per Let's Encrypt environment: ACME with the configured account email, DNS-01 through
 * Route53 in the gateway's hosted zone (by ID: no zone lookup), for names in that zone only. Credentials are
 * the controller's IRSA role (a ClusterIssuer's ambient credentials): no key in any Secret.
 */
export function clusterIssuer(spec: CertificatesSpec, environment: AcmeEnvironment): KubernetesObject {
  const name = clusterIssuerName(environment);
  return {
    apiVersion: "cert-manager.io/v1",
    kind: "ClusterIssuer",
    metadata: { name, labels: certificatesLabels },
    spec: {
      acme: {
        server: ACME_SERVERS[environment],
        email: spec.email,
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ selector: { dnsZones: [spec.hostedZone.name] }, dns01: { route53: { hostedZoneID: spec.hostedZone.id } } }],
      },
    },
  };
}

/**
 * A Certificate per gateway host, in the gateway's namespace, into the Secret the gateway's HTTPS server for
 * that host reads (`edgeCertificateSecretName`): from the configured environment's ClusterIssuer, an ECDSA
 * P-256 key rotated at every renewal.
 */
export function gatewayCertificates(spec: CertificatesSpec, mesh: MeshSpec): KubernetesObject[] {
  if (mesh.gateway.certificates !== "cert-manager") return [];
  return gatewayHosts(mesh).map((host) => ({
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: edgeCertificateSecretName(host), namespace: platformNamespaces.gateway, labels: certificatesLabels },
    spec: {
      secretName: edgeCertificateSecretName(host),
      dnsNames: [host],
      issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: clusterIssuerName(spec.server) },
      privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
    },
  }));
}
