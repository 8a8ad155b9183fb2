import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { certManagerChart } from "./chart";
import { clusterIssuer, gatewayCertificates } from "./issuers";
import { certificatesNamespaceObjects } from "./namespace";
import type { CertificatesPlatform } from "./spec";

/**
 * cert-manager's desired state, in the order it is applied: its namespace and network rules; the release
 * (CRDs, controller, webhook, cainjector); the two ClusterIssuers and the gateway's Certificates, which need
 * the release only (and the Certificates the gateway's namespace).
 */
export interface CertificatesPlan {
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
  issuers: KubernetesObject[];
  certificates: KubernetesObject[];
}

export function certificatesDesiredState<V>(platform: CertificatesPlatform, roleArn: V): CertificatesPlan {
  const spec = platform.certificates;
  return {
    prerequisites: certificatesNamespaceObjects(platform.cluster.vpcCidr),
    chart: certManagerChart(spec, platform.placement, roleArn),
    issuers: [clusterIssuer(spec, "production"), clusterIssuer(spec, "staging")],
    certificates: gatewayCertificates(spec, platform.mesh),
  };
}
