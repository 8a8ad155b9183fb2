/**
 * What the cluster prepares for the nodes Karpenter launches (autoscaling mode `karpenter`), and the names
 * both sides use: the tag Karpenter finds the nodes' subnets and security group by, the instance profile
 * its EC2NodeClasses name, the interruption queue. Names derive from the cluster's name only, so that a
 * render (which knows no cloud value) writes the same ones `pulumi up` creates.
 */

/** Karpenter's discovery tag: the private subnets and the cluster security group carry it, valued with the cluster's name. */
export const KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";

/** The instance profile of Karpenter's nodes (Strata's, so Karpenter never calls IAM: there is no IAM endpoint in a VPC). */
export function karpenterNodeInstanceProfileName(clusterName: string): string {
  return `${clusterName}-karpenter-node`;
}

/** The SQS queue EC2's interruption events reach Karpenter through. */
export function karpenterInterruptionQueueName(clusterName: string): string {
  return `${clusterName}-karpenter-interruptions`;
}

/** How EKS knows a node role: an access entry of this type lets its instances join as nodes (no policy association). */
export const NODE_ACCESS_ENTRY_TYPE = "EC2_LINUX";
