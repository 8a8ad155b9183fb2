import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { HardenedBucket } from "../components/hardened-bucket";
import { clusterProfileDefaults } from "../capabilities/cluster/defaults";
import type { RecordedResource } from "../offline/recorder";
import { runProgramOffline, type SucceededRun } from "../offline/run";
import { bucketPurposes } from "../platform/buckets";
import { assertOk, bucketArn, idOf, inputs, ofType, policy, T } from "./cluster-support";
import { runWithConfig, stackRun, STACKS } from "./harness";

/** The one resource of a type configuring this bucket (its `bucket` input is the bucket's id). */
function configOf(run: SucceededRun, bucket: RecordedResource, type: string): any {
  const found = ofType(run, type).filter((r) => inputs(r).bucket === idOf(bucket));
  assert.equal(found.length, 1, `${bucket.name}: ${found.length} ${type}`);
  return inputs(found[0]);
}

/** Every bucket is hardened: checked per bucket, from S3's semantics. `kmsKeyArns`: the keys it may be encrypted with. */
function assertHardened(run: SucceededRun, bucket: RecordedResource, kmsKeyArns: Set<string>): void {
  const sse = configOf(run, bucket, T.bucketSse);
  assert.equal(sse.rules.length, 1);
  assert.equal(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms", `${bucket.name}: not SSE-KMS`);
  assert.ok(kmsKeyArns.has(sse.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId), `${bucket.name}: not encrypted with the expected key`);
  assert.equal(sse.rules[0].bucketKeyEnabled, true);

  const pab = configOf(run, bucket, T.bucketPab);
  for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
    assert.equal(pab[flag], true, `${bucket.name}: ${flag} is not on`);
  }
  assert.deepEqual(configOf(run, bucket, T.bucketVersioning).versioningConfiguration, { status: "Enabled" });
  assert.deepEqual(configOf(run, bucket, T.bucketOwnership).rule, { objectOwnership: "BucketOwnerEnforced" });

  const doc = policy(configOf(run, bucket, T.bucketPolicy).policy);
  const arn = bucketArn(bucket);
  const denyPlain = doc.Statement.filter((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false");
  assert.equal(denyPlain.length, 1, `${bucket.name}: no statement denies requests without TLS`);
  const [s] = denyPlain;
  assert.equal(s.Principal, "*");
  assert.equal(s.Action, "s3:*");
  assert.deepEqual([...s.Resource].sort(), [arn, `${arn}/*`].sort(), `${bucket.name}: the TLS rule does not cover the bucket and every object`);
  // Nothing in the policy allows anything: it only denies.
  assert.ok(doc.Statement.every((st) => st.Effect === "Deny"));
  // The policy is put after the public access block (S3 checks a new policy against it).
  const policyResource = ofType(run, T.bucketPolicy).find((r) => inputs(r).bucket === idOf(bucket))!;
  const block = ofType(run, T.bucketPab).find((r) => inputs(r).bucket === idOf(bucket))!;
  assert.ok(policyResource.dependsOn.includes(block.urn));
}

describe("hardened buckets", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: one aws.s3.Bucket per purpose (${bucketPurposes.join(", ")}), each with SSE-KMS, all four public access blocks, versioning, owner-enforced ownership and a TLS-only policy`, async () => {
        const run = await stackRun(stack);
        const buckets = ofType(run, T.bucket);
        assert.equal(buckets.length, bucketPurposes.length);
        assert.ok(!run.resources.some((r) => r.type === "aws:s3/bucketV2:BucketV2"), "the deprecated BucketV2 is used");
        // All buckets use the one storage key, and it rotates.
        const keyArns = new Set(buckets.map((b) => configOf(run, b, T.bucketSse).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId as string));
        assert.equal(keyArns.size, 1);
        const storageKey = ofType(run, T.kmsKey).filter((k) => k.name.endsWith("-storage"));
        assert.equal(storageKey.length, 1);
        assert.equal(inputs(storageKey[0]).enableKeyRotation, true);
        assert.match([...keyArns][0], /^arn:aws:kms:eu-west-1:\d{12}:key\/[0-9a-f-]{36}$/);
        for (const bucket of buckets) assertHardened(run, bucket, keyArns);
      });

      it(`${stack}: names are prefixes S3 makes unique; lifecycle rules and forceDestroy are the profile's`, async () => {
        const run = await stackRun(stack);
        const defaults = clusterProfileDefaults[stack];
        for (const purpose of bucketPurposes) {
          const bucket = ofType(run, T.bucket).find((b) => b.name.endsWith(`-${purpose}`))!;
          assert.ok(bucket, `no ${purpose} bucket`);
          assert.equal(inputs(bucket).bucketPrefix, `strata-${stack}-${purpose}-`);
          assert.ok(inputs(bucket).bucketPrefix.length <= 37);
          assert.equal(inputs(bucket).bucket, undefined, "a fixed name could not be replaced");
          assert.equal(inputs(bucket).forceDestroy, defaults.bucketForceDestroy);
          const lifecycle = configOf(run, bucket, T.bucketLifecycle);
          const want = defaults.bucketLifecycleRules[purpose];
          assert.deepEqual(
            lifecycle.rules.map((r: any) => [r.id, r.status, r.abortIncompleteMultipartUpload?.daysAfterInitiation, r.noncurrentVersionExpiration?.noncurrentDays]),
            want.map((r) => [r.id, "Enabled", r.abortIncompleteMultipartUploadDays, r.noncurrentVersionExpirationDays]),
          );
          for (const r of lifecycle.rules) assert.deepEqual(r.filter, { prefix: "" }, "a rule without a filter");
          const versioning = ofType(run, T.bucketVersioning).find((v) => inputs(v).bucket === idOf(bucket))!;
          const lifecycleResource = ofType(run, T.bucketLifecycle).find((l) => inputs(l).bucket === idOf(bucket))!;
          assert.ok(lifecycleResource.dependsOn.includes(versioning.urn));
        }
        // The bucket outputs are the buckets' names.
        const outputs = (run.outputs.cluster as { buckets: Record<string, string> }).buckets;
        assert.deepEqual(Object.keys(outputs).sort(), [...bucketPurposes].sort());
        for (const purpose of bucketPurposes) assert.ok(outputs[purpose].startsWith(`strata-${stack}-${purpose}-`));
      });
    });
  }

  it("lifecycle rules from config replace the profile's for that bucket only, mapped to S3's form", async () => {
    const rules = [
      { id: "thanos-raw", prefix: "raw/", transitions: [{ days: 30, storageClass: "STANDARD_IA" }, { days: 90, storageClass: "GLACIER_IR" }], expirationDays: 400 },
      { id: "old-versions", noncurrentVersionExpirationDays: 14, enabled: false },
    ];
    const run = assertOk(await runWithConfig({ profile: "prod", cluster: { buckets: { metrics: { lifecycleRules: rules, forceDestroy: true } } } }));
    const metrics = ofType(run, T.bucket).find((b) => b.name.endsWith("-metrics"))!;
    assert.equal(inputs(metrics).forceDestroy, true);
    assert.deepEqual(configOf(run, metrics, T.bucketLifecycle).rules, [
      {
        id: "thanos-raw",
        status: "Enabled",
        filter: { prefix: "raw/" },
        expiration: { days: 400 },
        transitions: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER_IR" },
        ],
      },
      { id: "old-versions", status: "Disabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 14 } },
    ]);
    const backups = ofType(run, T.bucket).find((b) => b.name.endsWith("-backups"))!;
    assert.equal(inputs(backups).forceDestroy, false);
    assert.equal(configOf(run, backups, T.bucketLifecycle).rules.length, clusterProfileDefaults.prod.bucketLifecycleRules.backups.length);
  });

  it("the helper on its own: hardened as always; no lifecycle configuration without rules", async () => {
    const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    const run = assertOk(
      await runProgramOffline({ project: "strata", stack: "bucket", config: {} }, async () => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const bucket = new HardenedBucket("artifacts", { namePrefix: "team-artifacts-", kmsKeyArn: keyArn, lifecycleRules: [], forceDestroy: false, provider });
        return { name: bucket.bucketName, arn: bucket.arn };
      }),
    );
    const [bucket] = ofType(run, T.bucket);
    assertHardened(run, bucket, new Set([keyArn]));
    assert.equal(ofType(run, T.bucketLifecycle).length, 0);
    assert.equal(run.outputs.arn, `arn:aws:s3:::${run.outputs.name}`);
    for (const r of run.resources.filter((r) => r.type.startsWith("aws:"))) {
      assert.ok(r.provider, `${r.urn} has no explicit provider`);
      assert.equal(run.resources.find((p) => p.urn === r.parent)?.type, HardenedBucket.type, `${r.urn} is not the helper's child`);
    }
  });
});
