/**
 * The @pulumi/aws (v7) resource types the AWS rules judge, by their Pulumi type tokens. The cluster layer
 * registers the raw resources (`aws.s3.Bucket` plus its configuration resources, `aws.eks.Cluster`,
 * `aws.eks.NodeGroup`, `aws.kms.Key`); the deprecated V2 twins are judged the same way.
 */
export const awsTypes = {
  buckets: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
  encryption: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  versioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
  eksCluster: ["aws:eks/cluster:Cluster"],
  nodeGroup: ["aws:eks/nodeGroup:NodeGroup"],
  kmsKey: ["aws:kms/key:Key"],
} as const;

/** Whether a subject is a resource of one of these types. */
export function isOfType(subject: { type: string }, types: readonly string[]): boolean {
  return types.includes(subject.type);
}
