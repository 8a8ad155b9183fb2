import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy, managedPolicyArn, partitionOf, serviceAccountSubject, type PolicyDocument, type ServiceAccountRef } from "../manifests/aws-iam";

/** The cluster's IAM OIDC provider: what IRSA roles trust. From the Cluster, or from config for an existing cluster. */
export interface OidcProviderRef {
  /** ARN of the IAM OIDC provider (arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>). */
  arn: pulumi.Input<string>;
  /** The cluster's OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<id>). */
  url: pulumi.Input<string>;
}

export interface IrsaRoleArgs {
  /** The cluster's OIDC provider. */
  oidcProvider: OidcProviderRef;
  /** The one service account whose pods may assume the role. */
  serviceAccount: ServiceAccountRef;
  /** Further service accounts of the same workload that may assume it too (e.g. PGO's instance and backup accounts). @default `[]` */
  additionalServiceAccounts?: ServiceAccountRef[];
  /** AWS managed policies to attach, by path and name (e.g. `service-role/AmazonEBSCSIDriverPolicy`). @default `[]` */
  managedPolicies?: string[];
  /** The role's own permissions (an inline policy). @default none: the role has only its managed policies */
  policy?: pulumi.Input<PolicyDocument>;
  /** The AWS provider the role is created with. */
  provider: pulumi.ProviderResource;
}

/**
 * IAM Roles for Service Accounts: a role only the pods of one Kubernetes service account can assume, with
 * the permissions given. The one place a trust policy for a service account is written (manifests/aws-iam.ts
 * holds the document); every layer that calls AWS from a pod (EBS CSI, VPC CNI, Velero, Thanos, pgBackRest)
 * gets its role here. Annotate the service account with `eks.amazonaws.com/role-arn: <arn>`.
 */
export class IrsaRole extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:IrsaRole";

  /** The role. */
  readonly role: aws.iam.Role;
  /** The role's ARN: the service account's `eks.amazonaws.com/role-arn` annotation. */
  readonly arn: pulumi.Output<string>;
  /** The role's name. */
  readonly roleName: pulumi.Output<string>;
  /** The service account the role is for. */
  readonly serviceAccount: ServiceAccountRef;

  constructor(name: string, args: IrsaRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(IrsaRole.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.serviceAccount = { ...args.serviceAccount };
    const accounts = [this.serviceAccount, ...(args.additionalServiceAccounts ?? [])];
    const trust = pulumi
      .all([args.oidcProvider.arn, args.oidcProvider.url])
      .apply(([arn, url]) => JSON.stringify(irsaTrustPolicy(arn, url, accounts)));
    this.role = new aws.iam.Role(
      name,
      { assumeRolePolicy: trust, description: `IRSA: ${accounts.map(serviceAccountSubject).join(", ")}`.slice(0, 1000) },
      child,
    );
    const partition = pulumi.output(args.oidcProvider.arn).apply(partitionOf);
    for (const policy of args.managedPolicies ?? []) {
      const policyName = policy.split("/").pop()!;
      new aws.iam.RolePolicyAttachment(`${name}-${policyName}`, { role: this.role.name, policyArn: partition.apply((p) => managedPolicyArn(p, policy)) }, child);
    }
    if (args.policy) {
      new aws.iam.RolePolicy(name, { role: this.role.name, policy: pulumi.output(args.policy).apply((p) => JSON.stringify(p)) }, child);
    }
    this.arn = this.role.arn;
    this.roleName = this.role.name;
    this.registerOutputs({ arn: this.arn, roleName: this.roleName });
  }
}

export interface WorkloadRoleArgs {
  /** The role config names (an existing cluster's: Strata makes none there). */
  configured?: string;
  /** The config key that names it, for the error when neither it nor an AWS provider is there. */
  configKey: string;
  oidcProvider: OidcProviderRef;
  serviceAccount: ServiceAccountRef;
  /** The role's permissions, for the partition of the cluster's OIDC provider. */
  policy: (partition: string) => PolicyDocument;
  /** The AWS provider (EKS mode). */
  awsProvider?: pulumi.ProviderResource;
}

/**
 * A workload's AWS role: the one config names, else an `IrsaRole` Strata makes for its service account
 * (EKS mode). `role` is what the workload's release waits for, when Strata made it.
 */
export function workloadRole(name: string, args: WorkloadRoleArgs, opts: { parent: pulumi.Resource }): { arn: pulumi.Output<string>; role?: IrsaRole } {
  if (args.configured) return { arn: pulumi.output(args.configured) };
  if (!args.awsProvider) throw new Error(`${name}: an existing cluster names its role in config (${args.configKey})`);
  const partition = pulumi.output(args.oidcProvider.arn).apply(partitionOf);
  const role = new IrsaRole(
    name,
    { oidcProvider: args.oidcProvider, serviceAccount: args.serviceAccount, policy: partition.apply(args.policy), provider: args.awsProvider },
    opts,
  );
  return { arn: role.arn, role };
}
