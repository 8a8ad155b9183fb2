import { at, list, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { configurationsOf } from "./bucket-configuration";
import { awsTypes } from "./types";

const ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

/** Whether encryption rules encrypt by default: true, false, or "unknown" when that rests on an unknown algorithm. */
function encrypts(rules: unknown): boolean | "unknown" {
  const algorithms = list<unknown>(rules).map((r) => record(record(r).applyServerSideEncryptionByDefault).sseAlgorithm);
  if (algorithms.some((a) => ALGORITHMS.includes(String(a)))) return true;
  return algorithms.some(isUnknown) ? "unknown" : false;
}

/** Default encryption is declared, not left to S3's defaults: the key (SSE-KMS) is the platform's choice. */
export const awsBucketEncryption: StackRule = {
  name: "aws-bucket-encryption",
  family: "aws",
  summary: "every S3 bucket has default server-side encryption (a BucketServerSideEncryptionConfiguration, or the inline setting)",
  scope: "stack",
  checkStack(stack) {
    return stack.ofType(...awsTypes.buckets).flatMap((bucket): Finding[] => {
      const verdicts = [
        encrypts(at(bucket.inputs, "serverSideEncryptionConfiguration.rules")),
        encrypts([at(bucket.inputs, "serverSideEncryptionConfiguration.rule")]),
        ...configurationsOf(stack, bucket, awsTypes.encryption).map((c) => encrypts(c.inputs.rules)),
      ];
      if (verdicts.includes(true)) return [];
      if (verdicts.includes("unknown")) return [{ subject: bucket, message: undetermined("its encryption algorithm (sseAlgorithm)") }];
      return [{ subject: bucket, message: "has no default encryption: add a BucketServerSideEncryptionConfiguration (sseAlgorithm aws:kms)" }];
    });
  },
};
