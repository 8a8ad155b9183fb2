import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LifecycleRuleSpec } from "../platform/buckets";
import { tlsOnlyBucketPolicy } from "../manifests/aws-iam";

export interface HardenedBucketArgs {
  /** The start of the bucket's name (lower-case, at most 37 characters); S3 makes it unique with a suffix. */
  namePrefix: string;
  /** The KMS key every object is encrypted with by default (SSE-KMS, with an S3 bucket key). */
  kmsKeyArn: pulumi.Input<string>;
  /** Lifecycle rules; none: no lifecycle configuration. */
  lifecycleRules: LifecycleRuleSpec[];
  /** Let `pulumi destroy` delete the bucket with every object in it. */
  forceDestroy: boolean;
  /** The AWS provider the bucket is created with. */
  provider: pulumi.ProviderResource;
}

/** A lifecycle rule in the form S3 takes. */
export function s3LifecycleRule(rule: LifecycleRuleSpec) {
  return {
    id: rule.id,
    status: rule.enabled ? "Enabled" : "Disabled",
    filter: { prefix: rule.prefix ?? "" },
    ...(rule.expirationDays !== undefined ? { expiration: { days: rule.expirationDays } } : {}),
    ...(rule.noncurrentVersionExpirationDays !== undefined ? { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionExpirationDays } } : {}),
    ...(rule.abortIncompleteMultipartUploadDays !== undefined ? { abortIncompleteMultipartUpload: { daysAfterInitiation: rule.abortIncompleteMultipartUploadDays } } : {}),
    ...(rule.transitions ? { transitions: rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) } : {}),
  };
}

/**
 * An S3 bucket as every Strata bucket must be: owner-enforced object ownership (no ACLs), all four public
 * access blocks, default SSE-KMS encryption, versioning, the lifecycle rules given, and a policy that
 * refuses any request not made over TLS 1.2+. The one place a bucket is made; later layers get theirs here.
 */
export class HardenedBucket extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:Bucket";

  readonly bucket: aws.s3.Bucket;
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: HardenedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super(HardenedBucket.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.bucket = new aws.s3.Bucket(name, { bucketPrefix: args.namePrefix, forceDestroy: args.forceDestroy }, child);
    const bucket = this.bucket.id;

    new aws.s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      name,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      name,
      { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }] },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
    if (args.lifecycleRules.length > 0) {
      // Rules on noncurrent versions assume versioning is on.
      new aws.s3.BucketLifecycleConfiguration(name, { bucket, rules: args.lifecycleRules.map(s3LifecycleRule) }, { ...child, dependsOn: [versioning] });
    }
    // After the public access block: S3 checks a new policy against it.
    new aws.s3.BucketPolicy(
      name,
      { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
      { ...child, dependsOn: [publicAccess] },
    );

    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
