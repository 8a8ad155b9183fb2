import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster } from "../cluster";
import { mesh } from "../mesh";
import { certificatesIssues } from "./checks";
import type { Certificates } from "./component";
import { certificatesProfileDefaults } from "./defaults";
import { certificatesDesiredState } from "./desired-state";
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_ROLE, clusterIssuerName } from "./names";
import { CERT_MANAGER_PUBLIC_EGRESS_POLICY, CERT_MANAGER_PUBLIC_EGRESS_REASON } from "./namespace";
import { certManagerImages, certManagerPin } from "./pins";
import { resolveCertificates } from "./resolve";
import { certificatesSchema } from "./schema";
import type { CertificatesPlatform, CertificatesSpec } from "./spec";

export type { Certificates, CertificatesArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const certificatesComponents = (): typeof import("./component") => require("./component");
export { certificatesDesiredState, type CertificatesPlan } from "./desired-state";
export { certManagerRoute53Policy } from "./iam";
export { clusterIssuer, gatewayCertificates } from "./issuers";
export * from "./names";
export { CERT_MANAGER_VERSION, certManagerImages, certManagerPin } from "./pins";
export type * from "./spec";

/** cert-manager (the stack's `certificates` output). */
export interface CertificatesOutputs {
  /** The ClusterIssuer the gateway's certificates come from; others may use it (or the other environment's). */
  clusterIssuer: string;
  namespace: string;
}

const PUBLIC_EGRESS_EXEMPTION = `cert-manager's controller pods (app.kubernetes.io/name: cert-manager) reach 0.0.0.0/0 on 443 only: ${CERT_MANAGER_PUBLIC_EGRESS_REASON}.`;

function platformOf(spec: CertificatesSpec, context: LayerObjectsContext): CertificatesPlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, mesh: context.resolved.of(mesh)!, certificates: spec };
}

/**
 * cert-manager: ACME certificates from Let's Encrypt (production and staging ClusterIssuers), DNS-01 through
 * Route53 in the gateway's hosted zone with a role that may only write `_acme-challenge` TXT records there,
 * and a Certificate per gateway host when the gateway asks for them (mesh.gateway.certificates: cert-manager).
 */
export const certificates = defineCapability({
  name: "certificates",
  summary: "cert-manager: Let's Encrypt certificates by DNS-01 in the gateway's Route53 zone, one per gateway host",
  config: { key: "certificates", schema: certificatesSchema },
  defaults: certificatesProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [{ name: CERT_MANAGER_NAMESPACE, exemptions: [{ rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: CERT_MANAGER_PUBLIC_EGRESS_POLICY, reason: PUBLIC_EGRESS_EXEMPTION }] }],
  charts: [certManagerPin],
  images: [certManagerImages.controller, certManagerImages.webhook, certManagerImages.cainjector, certManagerImages.acmesolver],
  crdGroups: ["cert-manager.io", "acme.cert-manager.io"],
  checks: certificatesIssues,
  resolve: ({ input, profile, resolved }) => resolveCertificates(input, profile, resolved.of(mesh)!),
  desiredState(spec, context) {
    const plan = certificatesDesiredState(platformOf(spec, context), spec.roleArn ?? context.cloud.roleArn(CERT_MANAGER_ROLE));
    return [{ name: "certificates", helmCharts: [plan.chart], objects: [...plan.prerequisites, ...plan.issuers, ...plan.certificates] }];
  },
  deploy(spec, context): Certificates {
    const nodes = context.handle(cluster)!;
    return new (certificatesComponents().Certificates)(
      "certificates",
      {
        platform: platformOf(spec, context),
        cluster: nodes,
        mesh: context.handle(mesh)!,
        provider: nodes.kubernetesProvider,
        awsProvider: context.awsProvider,
        workloadDependsOn: nodes.nodeGroupsOf("system"),
      },
      { parent: context.parent },
    );
  },
  crdInstaller: (handle) => handle.release,
  outputs: (_handle, spec) => ({ certificates: pulumiSdk().output({ clusterIssuer: clusterIssuerName(spec.server), namespace: CERT_MANAGER_NAMESPACE }) }),
});
