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
  platform: DnsPlatform;
  cluster: ClusterLayer;
  txtOwnerId: string;
  provider: k8s.Provider;
  awsProvider?: pulumi.ProviderResource;
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
