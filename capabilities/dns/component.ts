import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { helmRelease } from "../../components/helm-release";
import { workloadRole } from "../../components/irsa";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import type { ClusterLayer } from "../cluster";
import { dnsDesiredState } from "./desired-state";
import { externalDnsRoute53Policy } from "./iam";
import { DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT } from "./names";
import type { DnsPlatform } from "./spec";

export interface DnsArgs {
  /** The resolved stack config, as much of it as external-dns reads (`DnsPlatform`). */
  platform: DnsPlatform;
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for external-dns's Route53 role. */
  cluster: ClusterLayer;
  /** external-dns's TXT owner id: the records this stack owns (and may delete) in a shared zone. */
  txtOwnerId: string;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): external-dns's Route53 role is made with it. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** What external-dns's pods need first: the system pool's node groups. @default `[]` (nothing to wait for) */
  workloadDependsOn?: pulumi.Resource[];
}

/** external-dns, from `dnsDesiredState`: its Route53 role (EKS mode; existing mode: the configured one), namespace and release. */
export class Dns extends pulumi.ComponentResource {
  static readonly type = "strata:dns:Dns";

  readonly release: k8s.helm.v3.Release;
  readonly roleArn: pulumi.Output<string>;
  readonly txtOwnerId: string;

  constructor(name: string, args: DnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Dns.type, name, {}, opts);
    const spec = args.platform.dns;
    this.txtOwnerId = args.txtOwnerId;
    const { arn, role } = workloadRole(
      `${name}-route53`,
      {
        configured: spec.roleArn,
        configKey: "dns.roleArn",
        oidcProvider: args.cluster.oidcProvider,
        serviceAccount: { namespace: DNS_NAMESPACE, name: EXTERNAL_DNS_SERVICE_ACCOUNT },
        policy: (partition) => externalDnsRoute53Policy(partition, spec.hostedZone.id),
        awsProvider: args.awsProvider,
      },
      { parent: this },
    );
    this.roleArn = arn;
    const plan = dnsDesiredState(args.platform, args.txtOwnerId, this.roleArn);
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(`${name}-external-dns`, plan.chart, {
      ...base,
      dependsOn: [...prerequisites.values(), ...(role ? [role] : []), ...(args.workloadDependsOn ?? [])],
    });
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
