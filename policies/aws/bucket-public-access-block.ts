import type { Finding, StackRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { configurationsOf } from "./bucket-configuration";
import { awsTypes } from "./types";

const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** No Strata bucket is public, and none can be made public by an ACL or a policy later. */
export const awsBucketPublicAccessBlock: StackRule = {
  name: "aws-bucket-public-access-block",
  family: "aws",
  summary: "every S3 bucket has a BucketPublicAccessBlock with all four blocks on",
  scope: "stack",
  checkStack(stack) {
    return stack.ofType(...awsTypes.buckets).flatMap((bucket): Finding[] => {
      const blocks = configurationsOf(stack, bucket, awsTypes.publicAccessBlock);
      if (blocks.length === 0) return [{ subject: bucket, message: `has no BucketPublicAccessBlock: add one with ${BLOCKS.join(", ")} all true` }];
      if (blocks.some((b) => BLOCKS.every((f) => b.inputs[f] === true))) return [];
      const unknown = BLOCKS.filter((f) => blocks.some((b) => isUnknown(b.inputs[f])));
      if (unknown.length) return [{ subject: bucket, message: undetermined(`its public access block's ${unknown.join(", ")}`) }];
      const off = BLOCKS.filter((f) => blocks[0].inputs[f] !== true);
      return [{ subject: bucket, message: `public access block leaves ${off.join(", ")} off: set all four to true` }];
    });
  },
};
