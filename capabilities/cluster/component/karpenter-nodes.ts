import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../../../manifests/aws-iam";
import { KARPENTER_DISCOVERY_TAG, karpenterNodeInstanceProfileName, NODE_ACCESS_ENTRY_TYPE } from "../karpenter-nodes";
import { NODE_ROLE_POLICIES } from "./node-groups";

export interface KarpenterNodesArgs {
  clusterName: string;
  /** The EKS cluster (its name as an output, so that these wait for it). */
  cluster: aws.eks.Cluster;
  partition: pulumi.Input<string>;
  provider: pulumi.ProviderResource;
}

/**
 * What Karpenter's nodes need from the cluster: their own node role (the managed node groups' policies, the
 * VPC CNI being IRSA's) in an instance profile of a known name, an EKS access entry that lets instances of
 * that role join as nodes, and the discovery tag on the cluster security group (the private subnets carry it
 * from the network), which Karpenter gives its nodes as the managed node groups' nodes have it.
 */
export class KarpenterNodes extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:KarpenterNodes";

  readonly role: aws.iam.Role;
  readonly roleArn: pulumi.Output<string>;
  readonly instanceProfile: aws.iam.InstanceProfile;
  readonly accessEntry: aws.eks.AccessEntry;
  readonly securityGroupTag: aws.ec2.Tag;

  constructor(name: string, args: KarpenterNodesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(KarpenterNodes.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const n = (suffix: string) => `${name}-${suffix}`;

    this.role = new aws.iam.Role(n("role"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")), description: `Nodes Karpenter launches for ${args.clusterName}` }, child);
    const attachments = NODE_ROLE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(n(policy), { role: this.role.name, policyArn: pulumi.output(args.partition).apply((p) => managedPolicyArn(p, policy)) }, child),
    );
    this.instanceProfile = new aws.iam.InstanceProfile(n("profile"), { name: karpenterNodeInstanceProfileName(args.clusterName), role: this.role.name }, { ...child, dependsOn: attachments });
    this.accessEntry = new aws.eks.AccessEntry(n("access"), { clusterName: args.cluster.name, principalArn: this.role.arn, type: NODE_ACCESS_ENTRY_TYPE }, child);
    this.securityGroupTag = new aws.ec2.Tag(
      n("security-group-discovery"),
      { resourceId: args.cluster.vpcConfig.clusterSecurityGroupId, key: KARPENTER_DISCOVERY_TAG, value: args.clusterName },
      child,
    );
    this.roleArn = this.role.arn;
    this.registerOutputs({ roleArn: this.roleArn, instanceProfile: this.instanceProfile.name });
  }
}
