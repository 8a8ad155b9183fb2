import { at, list, record } from "../engine/fields";
import type { StackRule } from "../engine/rule";
import { configurationsOf } from "./bucket-configuration";
import { awsTypes } from "./types";

const ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

function encrypts(rules: unknown): boolean {
  return list<unknown>(rules).some((r) => ALGORITHMS.includes(String(record(record(r).applyServerSideEncryptionByDefault).sseAlgorithm)));
}

/** Default encryption is declared, not left to S3's defaults: the key (SSE-KMS) is the platform's choice. */
export const awsBucketEncryption: StackRule = {
  name: "aws-bucket-encryption",
  family: "aws",
  summary: "every S3 bucket has default server-side encryption (a BucketServerSideEncryptionConfiguration, or the inline setting)",
  scope: "stack",
  checkStack(stack) {
    return stack.ofType(...awsTypes.buckets).flatMap((bucket) => {
      const inline = encrypts(at(bucket.inputs, "serverSideEncryptionConfiguration.rules")) || encrypts([at(bucket.inputs, "serverSideEncryptionConfiguration.rule")]);
      if (inline || configurationsOf(stack, bucket, awsTypes.encryption).some((c) => encrypts(c.inputs.rules))) return [];
      return [{ subject: bucket, message: "has no default encryption: add a BucketServerSideEncryptionConfiguration (sseAlgorithm aws:kms)" }];
    });
  },
};
