import type { BucketPurpose } from "./buckets";

/**
 * Values that only exist in the cloud once `pulumi up` has created them: bucket names, IRSA role ARNs,
 * the account ID. Desired-state functions that need one ask this source: a Pulumi component answers from
 * its resources' outputs, `strata render` from stack config (`gitops`) or with a placeholder.
 */
export interface CloudValueSource {
  bucketName(purpose: BucketPurpose): string;
  roleArn(role: string): string;
  accountId(): string;
}
