import { podPlacement } from "../../platform/placement";
import { platformNamespaces } from "../../platform/namespaces";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { DNS_NAMESPACE, EXTERNAL_DNS_RELEASE, EXTERNAL_DNS_SERVICE_ACCOUNT, EXTERNAL_DNS_SOURCES } from "./names";
import { externalDnsImage, externalDnsPin } from "./pins";
import type { DnsSpec } from "./spec";

/**
 * external-dns's release (value keys: ../shared/chart-reference/external-dns, checked against its
 * values.schema.json): Route53, the gateway's hosts only — sources the Istio Gateway and the ALB's Ingress,
 * read in the gateway's namespace only — written into the one hosted zone (by ID and domain), with the TXT
 * registry marking this stack's records (`txtOwnerId`), so it never touches a record it did not make. One
 * replica by upstream design (a Recreate Deployment: two would race on the same records); a restart only
 * delays record changes. On the system pool, restricted, IRSA only.
 */
export function externalDnsChart<V>(spec: DnsSpec, txtOwnerId: string, roleArn: V): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  return {
    ...externalDnsPin,
    releaseName: EXTERNAL_DNS_RELEASE,
    includeCRDs: true,
    namespace: DNS_NAMESPACE,
    values: {
      image: { ...externalDnsImage },
      provider: { name: "aws" },
      sources: [...EXTERNAL_DNS_SOURCES],
      sourceNamespace: platformNamespaces.gateway,
      policy: spec.policy,
      registry: "txt",
      txtOwnerId,
      interval: spec.interval,
      domainFilters: [spec.hostedZone.name],
      extraArgs: [`--zone-id-filter=${spec.hostedZone.id}`],
      serviceAccount: { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } },
      podSecurityContext: restrictedPodSecurityContext(),
      securityContext: restrictedContainerSecurityContext(),
      resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      nodeSelector,
      tolerations,
    },
  };
}
