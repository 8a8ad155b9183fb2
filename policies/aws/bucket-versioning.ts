import { at } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { configurationsOf } from "./bucket-configuration";
import { awsTypes } from "./types";

/** Versioning keeps what was overwritten or deleted: backups and metrics blocks survive a bad write. */
export const awsBucketVersioning: StackRule = {
  name: "aws-bucket-versioning",
  family: "aws",
  summary: "every S3 bucket has versioning enabled (a BucketVersioning with status Enabled, or the inline setting)",
  scope: "stack",
  checkStack(stack) {
    return stack.ofType(...awsTypes.buckets).flatMap((bucket): Finding[] => {
      const statuses = configurationsOf(stack, bucket, awsTypes.versioning).map((v) => at(v.inputs, "versioningConfiguration.status"));
      const inline = at(bucket.inputs, "versioning.enabled");
      if (inline === true || statuses.includes("Enabled")) return [];
      if (isUnknown(inline) || statuses.some(isUnknown)) return [{ subject: bucket, message: undetermined("its versioning status") }];
      return [{ subject: bucket, message: "has no versioning: add a BucketVersioning with versioningConfiguration.status Enabled" }];
    });
  },
};
