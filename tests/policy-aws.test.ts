import { awsBucketEncryption } from "../policies/aws/bucket-encryption";
import { awsBucketPublicAccessBlock } from "../policies/aws/bucket-public-access-block";
import { awsBucketVersioning } from "../policies/aws/bucket-versioning";
import { awsEksLogging } from "../policies/aws/eks-logging";
import { awsEksPrivateEndpoint } from "../policies/aws/eks-private-endpoint";
import { awsEksSecretsEncryption } from "../policies/aws/eks-secrets-encryption";
import { awsKmsRotation } from "../policies/aws/kms-rotation";
import { awsStatefulNodeGroupOnDemand } from "../policies/aws/stateful-node-group-on-demand";
import type { PolicySubject } from "../policies/engine/subject";
import { nodePools } from "../platform/placement";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, resource } from "./policy-support";

const BUCKET = "aws:s3/bucket:Bucket";
const bucket = (name = "data", inputs: Record<string, unknown> = { bucketPrefix: name }) => resource(BUCKET, name, inputs);
const sse = (of: PolicySubject, algorithm = "aws:kms") =>
  resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", of.name, { bucket: `${of.name}-id`, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }] }, [of]);
const allBlocks = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const pab = (of: PolicySubject, blocks: Record<string, boolean> = allBlocks) => resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", of.name, { bucket: `${of.name}-id`, ...blocks }, [of]);
const versioning = (of: PolicySubject, status = "Enabled") => resource("aws:s3/bucketVersioning:BucketVersioning", of.name, { bucket: `${of.name}-id`, versioningConfiguration: { status } }, [of]);
const data = bucket("data");
const logs = bucket("logs");

describePolicyRule(awsBucketEncryption, [
  { title: "a bucket with an SSE-KMS configuration", fixtures: [data, sse(data)], findings: [] },
  { title: "a bucket with inline encryption (legacy shape)", fixtures: [bucket("old", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } })], findings: [] },
  {
    title: "a bucket whose sibling's encryption is not its own",
    fixtures: [data, logs, sse(logs)],
    findings: [`${BUCKET} data: has no default encryption: add a BucketServerSideEncryptionConfiguration (sseAlgorithm aws:kms)`],
  },
  {
    title: "a first preview: the bucket's id unknown in its configurations, which are linked by the dependency on its URN",
    fixtures: [data, resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }] }, [data])],
    findings: [],
  },
  { title: "an algorithm unknown until apply", fixtures: [data, sse(data, UNKNOWN as never)], findings: [`${BUCKET} data: UNDETERMINED its encryption algorithm (sseAlgorithm) is (unknown until apply): could not be judged in this preview`] },
]);

describePolicyRule(awsBucketPublicAccessBlock, [
  { title: "all four blocks on", fixtures: [data, pab(data)], findings: [] },
  { title: "an existing bucket's block, linked by its name", fixtures: [bucket("named", { bucket: "my-bucket" }), resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "b", { bucket: "my-bucket", ...allBlocks })], findings: [] },
  { title: "no block", fixtures: [data], findings: [`${BUCKET} data: has no BucketPublicAccessBlock: add one with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true`] },
  {
    title: "two blocks off",
    fixtures: [data, pab(data, { ...allBlocks, blockPublicPolicy: false, restrictPublicBuckets: false })],
    findings: [`${BUCKET} data: public access block leaves blockPublicPolicy, restrictPublicBuckets off: set all four to true`],
  },
  {
    title: "a block unknown until apply",
    fixtures: [data, pab(data, { ...allBlocks, ignorePublicAcls: UNKNOWN as never })],
    findings: [`${BUCKET} data: UNDETERMINED its public access block's ignorePublicAcls is (unknown until apply): could not be judged in this preview`],
  },
]);

describePolicyRule(awsBucketVersioning, [
  { title: "versioning Enabled", fixtures: [data, versioning(data)], findings: [] },
  { title: "versioning Suspended", fixtures: [data, versioning(data, "Suspended")], findings: [`${BUCKET} data: has no versioning: add a BucketVersioning with versioningConfiguration.status Enabled`] },
  { title: "no versioning", fixtures: [data], findings: [`${BUCKET} data: has no versioning: add a BucketVersioning with versioningConfiguration.status Enabled`] },
  { title: "a status unknown until apply", fixtures: [data, versioning(data, UNKNOWN as never)], findings: [`${BUCKET} data: UNDETERMINED its versioning status is (unknown until apply): could not be judged in this preview`] },
]);

const CLUSTER = "aws:eks/cluster:Cluster";
const secure = {
  vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false },
  encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:1:key/k" } },
  enabledClusterLogTypes: ["api", "audit", "authenticator"],
};
const cluster = (inputs: Record<string, unknown>) => resource(CLUSTER, "eks", { ...secure, ...inputs });

describePolicyRule(awsEksPrivateEndpoint, [
  { title: "a private endpoint", fixtures: [cluster({})], findings: [] },
  { title: "a public endpoint", fixtures: [cluster({ vpcConfig: { endpointPublicAccess: true } })], findings: [`${CLUSTER} eks: the EKS API endpoint is public: set vpcConfig.endpointPublicAccess to false (reach the API from inside the VPC)`] },
  { title: "the public endpoint EKS opens by default", fixtures: [cluster({ vpcConfig: {} })], findings: [`${CLUSTER} eks: the EKS API endpoint is public: set vpcConfig.endpointPublicAccess to false (reach the API from inside the VPC)`] },
  { title: "an endpoint setting unknown until apply", fixtures: [cluster({ vpcConfig: { endpointPublicAccess: UNKNOWN } })], findings: [`${CLUSTER} eks: UNDETERMINED vpcConfig.endpointPublicAccess is (unknown until apply): could not be judged in this preview`] },
]);

const NO_SECRETS = `${CLUSTER} eks: Secrets are not envelope-encrypted: set encryptionConfig { resources: ["secrets"], provider: { keyArn } } with a rotating KMS key`;
describePolicyRule(awsEksSecretsEncryption, [
  { title: "Secrets encrypted with a key", fixtures: [cluster({})], findings: [] },
  { title: "Secrets encrypted with a new key whose ARN is unknown until apply (that it is given is known)", fixtures: [cluster({ encryptionConfig: { resources: ["secrets"], provider: { keyArn: UNKNOWN } } })], findings: [] },
  { title: "an encryption config unknown until apply", fixtures: [cluster({ encryptionConfig: UNKNOWN })], findings: [`${CLUSTER} eks: UNDETERMINED encryptionConfig is (unknown until apply): could not be judged in this preview`] },
  { title: "no encryption config", fixtures: [cluster({ encryptionConfig: undefined })], findings: [NO_SECRETS] },
  { title: "encryption without a key", fixtures: [cluster({ encryptionConfig: { resources: ["secrets"] } })], findings: [NO_SECRETS] },
]);

describePolicyRule(awsEksLogging, [
  { title: "api, audit and authenticator logs", fixtures: [cluster({})], findings: [] },
  { title: "only api logs", fixtures: [cluster({ enabledClusterLogTypes: ["api"] })], findings: [`${CLUSTER} eks: control-plane logging misses audit, authenticator: add them to enabledClusterLogTypes`] },
]);

const KEY = "aws:kms/key:Key";
describePolicyRule(awsKmsRotation, [
  { title: "a rotating key", fixtures: [resource(KEY, "k", { enableKeyRotation: true })], findings: [] },
  { title: "an asymmetric key (cannot rotate)", fixtures: [resource(KEY, "k", { customerMasterKeySpec: "RSA_3072" })], findings: [] },
  { title: "a key without rotation", fixtures: [resource(KEY, "k", {})], findings: [`${KEY} k: key rotation is off: set enableKeyRotation to true`] },
  { title: "rotation unknown until apply", fixtures: [resource(KEY, "k", { enableKeyRotation: UNKNOWN })], findings: [`${KEY} k: UNDETERMINED enableKeyRotation is (unknown until apply): could not be judged in this preview`] },
]);

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const group = (pool: keyof typeof nodePools, capacityType?: string) => resource(NODE_GROUP, pool, { labels: { ...nodePools[pool].nodeLabels }, ...(capacityType ? { capacityType } : {}) });
describePolicyRule(awsStatefulNodeGroupOnDemand, [
  { title: "stateful on demand (explicit and EKS's default), spot pool on spot", fixtures: [group("stateful", "ON_DEMAND"), group("stateful"), group("spot", "SPOT")], findings: [] },
  {
    title: "the stateful pool on spot",
    fixtures: [group("stateful", "SPOT")],
    findings: [`${NODE_GROUP} stateful: a node group of the stateful pool uses capacityType SPOT: stateful data never runs on spot; use ON_DEMAND`],
  },
  {
    title: "a stateful node group whose capacity type is unknown until apply",
    fixtures: [group("stateful", UNKNOWN as never)],
    findings: [`${NODE_GROUP} stateful: UNDETERMINED capacityType is (unknown until apply): could not be judged in this preview`],
  },
]);
