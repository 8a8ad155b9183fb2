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
  /** The stack's AWS region (the provider's, `aws:region`): asked only where config names none. */
  region(): string;
  /**
   * The name the cloud gives a resource Strata creates from a name prefix, which no `gitops` key holds
   * (e.g. a second Postgres backup bucket). `configKey`: the stack config key (under the project's
   * namespace) that names an existing resource instead.
   */
  generatedName(id: string, meaning: string, configKey: string): string;
}
