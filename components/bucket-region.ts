import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The region of the platform's buckets: configured, else the AWS provider's (EKS mode). */
export function bucketRegion(configured: string | undefined, awsProvider: pulumi.ProviderResource | undefined, parent: pulumi.Resource): pulumi.Output<string> {
  if (configured) return pulumi.output(configured);
  if (!awsProvider) throw new Error("the buckets' region is unknown: set aws:region (validated config guarantees it in existing mode)");
  return aws.getRegionOutput({}, { provider: awsProvider, parent }).region;
}
