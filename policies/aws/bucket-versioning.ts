import { at } from "../engine/fields";
import type { StackRule } from "../engine/rule";
import { configurationsOf } from "./bucket-configuration";
import { awsTypes } from "./types";

/** Versioning keeps what was overwritten or deleted: backups and metrics blocks survive a bad write. */
export const awsBucketVersioning: StackRule = {
  name: "aws-bucket-versioning",
  family: "aws",
  summary: "every S3 bucket has versioning enabled (a BucketVersioning with status Enabled, or the inline setting)",
  scope: "stack",
  checkStack(stack) {
    return stack.ofType(...awsTypes.buckets).flatMap((bucket) => {
      if (at(bucket.inputs, "versioning.enabled") === true) return [];
      if (configurationsOf(stack, bucket, awsTypes.versioning).some((v) => at(v.inputs, "versioningConfiguration.status") === "Enabled")) return [];
      return [{ subject: bucket, message: "has no versioning: add a BucketVersioning with versioningConfiguration.status Enabled" }];
    });
  },
};
