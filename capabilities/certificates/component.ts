import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { helmRelease } from "../../components/helm-release";
import { workloadRole } from "../../components/irsa";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import type { ClusterLayer } from "../cluster";
import type { Mesh } from "../mesh";
import { certificatesDesiredState } from "./desired-state";
import { certManagerRoute53Policy } from "./iam";
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_SERVICE_ACCOUNT } from "./names";
import type { CertificatesPlatform } from "./spec";

export interface CertificatesArgs {
  /** The resolved stack config, as much of it as cert-manager reads (`CertificatesPlatform`). */
  platform: CertificatesPlatform;
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for cert-manager's Route53 role. */
  cluster: ClusterLayer;
  /** The `Mesh` component: the gateway whose certificate cert-manager issues. */
  mesh: Mesh;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): cert-manager's Route53 role. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** What cert-manager's pods need first: the system pool's node groups. @default `[]` (nothing to wait for) */
  workloadDependsOn?: pulumi.Resource[];
}

/**
 * cert-manager, from `certificatesDesiredState`: its Route53 role (EKS mode; existing mode: the configured
 * one), namespace and release, then the ClusterIssuers and the gateway's Certificates (their CRDs come with
 * the release; the Certificates also wait for the gateway's namespace).
 */
export class Certificates extends pulumi.ComponentResource {
  static readonly type = "strata:certificates:Certificates";

  readonly release: k8s.helm.v3.Release;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: CertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Certificates.type, name, {}, opts);
    const spec = args.platform.certificates;
    const { arn, role } = workloadRole(
      `${name}-route53`,
      {
        configured: spec.roleArn,
        configKey: "certificates.roleArn",
        oidcProvider: args.cluster.oidcProvider,
        serviceAccount: { namespace: CERT_MANAGER_NAMESPACE, name: CERT_MANAGER_SERVICE_ACCOUNT },
        policy: (partition) => certManagerRoute53Policy(partition, spec.hostedZone.id),
        awsProvider: args.awsProvider,
      },
      { parent: this },
    );
    this.roleArn = arn;
    const plan = certificatesDesiredState(args.platform, this.roleArn);
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(`${name}-cert-manager`, plan.chart, {
      ...base,
      dependsOn: [...prerequisites.values(), ...(role ? [role] : []), ...(args.workloadDependsOn ?? [])],
    });
    registerKubernetesObjects(plan.issuers, { ...base, customResourceDependsOn: [this.release] });
    registerKubernetesObjects(plan.certificates, { ...base, dependsOn: [args.mesh.gatewayNamespace], customResourceDependsOn: [this.release] });
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
