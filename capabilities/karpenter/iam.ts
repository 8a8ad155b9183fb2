import type { PolicyDocument } from "../../manifests/aws-iam";

/**
 * What Karpenter's controller may do in AWS: the controller policy of Karpenter 1.14.1's reference
 * (website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml, v1.14.1),
 * scoped to this cluster the same way — what it launches, tags and terminates must carry the cluster's
 * `kubernetes.io/cluster/<name>: owned` and a `karpenter.sh/nodepool` tag, reads are limited to the region —
 * with two differences, both narrower:
 * - no instance-profile management (iam:CreateInstanceProfile, Tag, AddRole, RemoveRole, Delete, Get, List):
 *   the EC2NodeClasses name Strata's instance profile, and `isolatedVPC` keeps Karpenter from calling IAM;
 * - no zonal-shift read (zonal shift is not enabled);
 * - no pricing:GetProducts: with `isolatedVPC` Karpenter takes on-demand prices from its bundled list (the
 *   Pricing API has no VPC endpoint in most regions) and spot prices from EC2 (DescribeSpotPriceHistory).
 */

export interface ControllerPolicyInputs {
  partition: string;
  region: string;
  accountId: string;
  clusterName: string;
  /** The role of the nodes it launches: the only role it may pass to EC2. */
  nodeRoleArn: string;
  interruptionQueueArn: string;
}

export function karpenterControllerPolicy(inputs: ControllerPolicyInputs): PolicyDocument {
  const { partition, region, accountId, clusterName } = inputs;
  const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:*:${resource}`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned" };
  const requestOwned = { [`aws:RequestTag/kubernetes.io/cluster/${clusterName}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": clusterName };
  const taggedResources = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map(ec2);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowScopedEC2InstanceAccessActions",
        Effect: "Allow",
        Resource: [
          `arn:${partition}:ec2:${region}::image/*`,
          `arn:${partition}:ec2:${region}::snapshot/*`,
          ec2("security-group/*"),
          ec2("subnet/*"),
          ec2("capacity-reservation/*"),
          ec2("placement-group/*"),
        ],
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      },
      {
        Sid: "AllowScopedEC2LaunchTemplateAccessActions",
        Effect: "Allow",
        Resource: ec2("launch-template/*"),
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowScopedEC2InstanceActionsWithTags",
        Effect: "Allow",
        Resource: taggedResources,
        Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
        Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowScopedResourceCreationTagging",
        Effect: "Allow",
        Resource: taggedResources,
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceTagging",
        Effect: "Allow",
        Resource: ec2("instance/*"),
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: owned,
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": clusterName },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        },
      },
      {
        Sid: "AllowScopedDeletion",
        Effect: "Allow",
        Resource: [ec2("instance/*"), ec2("launch-template/*")],
        Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: inputs.nodeRoleArn,
        Action: "iam:PassRole",
        Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } },
      },
      { Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Resource: `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`, Action: "eks:DescribeCluster" },
      { Sid: "AllowInterruptionQueueActions", Effect: "Allow", Resource: inputs.interruptionQueueArn, Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"] },
      {
        Sid: "AllowRegionalReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        Condition: { StringEquals: { "aws:RequestedRegion": region } },
      },
      { Sid: "AllowSSMReadActions", Effect: "Allow", Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`, Action: "ssm:GetParameter" },
    ],
  };
}
