import type { PolicyStack } from "../engine/stack";
import type { PolicySubject } from "../engine/subject";

/**
 * A bucket's configuration resources (encryption, public access block, versioning): the resources of those
 * types whose `bucket` input is this bucket. They name it by its id, which a preview does not know yet for a
 * new bucket, so the link is the dependency on the bucket's URN (or, for an existing bucket, its name).
 */
export function configurationsOf(stack: PolicyStack, bucket: PolicySubject, types: readonly string[]): PolicySubject[] {
  const bucketName = bucket.inputs.bucket;
  // A name unknown until apply links nothing: the dependency on the bucket's URN does.
  return stack
    .ofType(...types)
    .filter((c) => (bucket.urn !== undefined && c.dependencies.includes(bucket.urn)) || (typeof bucketName === "string" && c.inputs.bucket === bucketName));
}
