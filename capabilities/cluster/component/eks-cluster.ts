import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccessEntrySpec, ControlPlaneLogType } from "../spec";
import { eksAccessPolicyArn, IRSA_AUDIENCE, kmsEnvelopeEncryptionPolicy, managedPolicyArn, serviceTrustPolicy } from "../../../manifests/aws-iam";
import type { OidcProviderRef } from "../../../components/irsa";

export interface EksClusterArgs {
  /** The EKS cluster's name. */
  clusterName: string;
  /** Kubernetes minor version, e.g. "1.34". */
  kubernetesVersion: string;
  /** Subnets for the control plane's network interfaces: the private subnets, one per zone. */
  subnetIds: pulumi.Input<string>[];
  /** The API endpoint is always reachable from the VPC; `publicAccess` also opens it to `publicAccessCidrs`. */
  endpoint: { publicAccess: boolean; publicAccessCidrs: string[] };
  logTypes: ControlPlaneLogType[];
  logRetentionDays: number;
  /** IAM principals given cluster access (besides the creator, who is admin). */
  accessEntries: AccessEntrySpec[];
  /** The AWS partition (`aws`, `aws-cn`, `aws-us-gov`), for managed policy ARNs. */
  partition: pulumi.Input<string>;
  /** The AWS provider every resource is created with. */
  provider: pulumi.ProviderResource;
}

/**
 * The EKS control plane: its IAM role, a rotating KMS key for envelope encryption of Secrets, the
 * control-plane log group (with a retention, created before EKS would create it without one), the cluster
 * itself (API authentication mode: access entries, no aws-auth ConfigMap; no self-managed add-ons: the
 * managed ones are installed explicitly), the IAM OIDC provider IRSA roles trust, and access entries.
 */
export class EksCluster extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:EksCluster";

  readonly cluster: aws.eks.Cluster;
  /** The key Secrets are encrypted with in etcd. */
  readonly secretsKey: aws.kms.Key;
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthorityData: pulumi.Output<string>;
  readonly kubernetesVersion: pulumi.Output<string>;
  /** The IAM OIDC provider and issuer URL IRSA roles trust. */
  readonly oidcProvider: { arn: pulumi.Output<string>; url: pulumi.Output<string> } & OidcProviderRef;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(EksCluster.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const n = (suffix: string) => `${name}-${suffix}`;

    const role = new aws.iam.Role(n("control-plane"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("eks.amazonaws.com")), description: `EKS control plane of ${args.clusterName}` }, child);
    const clusterPolicy = new aws.iam.RolePolicyAttachment(
      n("control-plane-AmazonEKSClusterPolicy"),
      { role: role.name, policyArn: pulumi.output(args.partition).apply((p) => managedPolicyArn(p, "AmazonEKSClusterPolicy")) },
      child,
    );

    this.secretsKey = new aws.kms.Key(
      n("secrets"),
      { description: `Envelope encryption of Kubernetes Secrets in ${args.clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30 },
      child,
    );
    new aws.kms.Alias(n("secrets"), { name: `alias/${args.clusterName}-secrets`, targetKeyId: this.secretsKey.keyId }, child);
    const keyUse = new aws.iam.RolePolicy(
      n("control-plane-secrets-key"),
      { role: role.name, policy: this.secretsKey.arn.apply((arn) => JSON.stringify(kmsEnvelopeEncryptionPolicy(arn))) },
      child,
    );

    const logs = new aws.cloudwatch.LogGroup(n("control-plane"), { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays }, child);

    this.cluster = new aws.eks.Cluster(
      name,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: args.endpoint.publicAccess,
          ...(args.endpoint.publicAccess ? { publicAccessCidrs: args.endpoint.publicAccessCidrs } : {}),
        },
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        encryptionConfig: { provider: { keyArn: this.secretsKey.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: args.logTypes,
        bootstrapSelfManagedAddons: false,
      },
      { ...child, dependsOn: [clusterPolicy, keyUse, logs] },
    );

    const issuer = this.cluster.identities.apply((ids) => {
      const url = ids?.[0]?.oidcs?.[0]?.issuer;
      if (!url) throw new Error(`EKS reported no OIDC issuer for ${args.clusterName}`);
      return url;
    });
    const oidc = new aws.iam.OpenIdConnectProvider(n("oidc"), { url: issuer, clientIdLists: [IRSA_AUDIENCE] }, child);

    args.accessEntries.forEach((entry, i) => {
      const access = new aws.eks.AccessEntry(n(`access-${i}`), { clusterName: this.cluster.name, principalArn: entry.principalArn, type: "STANDARD" }, child);
      new aws.eks.AccessPolicyAssociation(
        n(`access-${i}`),
        {
          clusterName: this.cluster.name,
          principalArn: access.principalArn,
          policyArn: pulumi.output(args.partition).apply((p) => eksAccessPolicyArn(p, entry.accessPolicy)),
          accessScope: entry.namespaces.length ? { type: "namespace", namespaces: entry.namespaces } : { type: "cluster" },
        },
        child,
      );
    });

    this.clusterName = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.apply((ca) => ca.data);
    this.kubernetesVersion = this.cluster.version;
    this.oidcProvider = { arn: oidc.arn, url: issuer };
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, oidcProviderArn: oidc.arn });
  }
}
