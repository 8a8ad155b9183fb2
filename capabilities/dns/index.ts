import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster } from "../cluster";
import { mesh } from "../mesh";
import { dnsIssues } from "./checks";
import type { Dns } from "./component";
import { dnsProfileDefaults } from "./defaults";
import { dnsDesiredState } from "./desired-state";
import { defaultTxtOwnerId, DNS_NAMESPACE, EXTERNAL_DNS_ROLE } from "./names";
import { EXTERNAL_DNS_PUBLIC_EGRESS_POLICY, EXTERNAL_DNS_PUBLIC_EGRESS_REASON } from "./namespace";
import { externalDnsImage, externalDnsPin } from "./pins";
import { resolveDns } from "./resolve";
import { dnsSchema } from "./schema";
import type { DnsPlatform, DnsSpec } from "./spec";

export type { Dns, DnsArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const dnsComponents = (): typeof import("./component") => require("./component");
export { dnsDesiredState, type DnsPlan } from "./desired-state";
export { externalDnsRoute53Policy } from "./iam";
export * from "./names";
export { externalDnsImage, externalDnsPin } from "./pins";
export type * from "./spec";

/** external-dns (the stack's `dns` output). */
export interface DnsOutputs {
  /** The hosted zone it writes. */
  hostedZoneId: string;
  /** The owner ID its TXT registry records carry. */
  txtOwnerId: string;
  policy: "sync" | "upsert-only";
}

const PUBLIC_EGRESS_EXEMPTION = `external-dns's pods (app.kubernetes.io/name: external-dns) reach 0.0.0.0/0 on 443 only: ${EXTERNAL_DNS_PUBLIC_EGRESS_REASON}.`;

function platformOf(spec: DnsSpec, context: LayerObjectsContext): DnsPlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, mesh: context.resolved.of(mesh)!, dns: spec };
}

/**
 * external-dns on Route53: the records of the gateway's hosts (from the Istio Gateway behind an NLB, or the
 * ALB's Ingress) in the gateway's hosted zone, owned by this stack through its TXT registry; upsert-only in
 * prod. Its role may change that zone's records and nothing else.
 */
export const dns = defineCapability({
  name: "dns",
  summary: "external-dns: the gateway hosts' Route53 records, in the one hosted zone, upsert-only in prod",
  config: { key: "dns", schema: dnsSchema },
  defaults: dnsProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [{ name: DNS_NAMESPACE, exemptions: [{ rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: EXTERNAL_DNS_PUBLIC_EGRESS_POLICY, reason: PUBLIC_EGRESS_EXEMPTION }] }],
  charts: [externalDnsPin],
  images: [`${externalDnsImage.repository}:${externalDnsImage.tag}`],
  crdGroups: [],
  checks: dnsIssues,
  resolve: ({ input, profile, resolved }) => resolveDns(input, profile, resolved.of(mesh)!),
  desiredState(spec, context) {
    const plan = dnsDesiredState(platformOf(spec, context), spec.txtOwnerId ?? defaultTxtOwnerId(context.identity.stack), spec.roleArn ?? context.cloud.roleArn(EXTERNAL_DNS_ROLE));
    return [{ name: "dns", helmCharts: [plan.chart], objects: plan.prerequisites }];
  },
  deploy(spec, context): Dns {
    const nodes = context.handle(cluster)!;
    return new (dnsComponents().Dns)(
      "dns",
      {
        platform: platformOf(spec, context),
        cluster: nodes,
        txtOwnerId: spec.txtOwnerId ?? defaultTxtOwnerId(context.identity.stack),
        provider: nodes.kubernetesProvider,
        awsProvider: context.awsProvider,
        workloadDependsOn: nodes.nodeGroupsOf("system"),
      },
      { parent: context.parent },
    );
  },
  outputs: (handle, spec) => ({ dns: pulumiSdk().output({ hostedZoneId: spec.hostedZone.id, txtOwnerId: handle.txtOwnerId, policy: spec.policy }) }),
});
