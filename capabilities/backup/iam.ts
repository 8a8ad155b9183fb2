import { bucketAccessStatements, type PolicyDocument } from "../../manifests/aws-iam";

/**
 * What Velero may do in AWS (the AWS plugin's documented permissions): its bucket, read and write and
 * delete (expired backups), and EBS snapshots of the cluster's volumes. EC2 snapshot calls take no
 * resource-level scoping for Describe*, so those are on "*".
 */
export function veleroPolicy(bucketArn: string, region: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...bucketAccessStatements(bucketArn, region, "read-write-delete"),
      {
        Sid: "EbsSnapshots",
        Effect: "Allow",
        Action: ["ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:CreateTags", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"],
        Resource: "*",
      },
    ],
  };
}
