import { strict as assert } from "node:assert";
import { awsComputedState } from "../offline/aws-mocks";
import type { RecordedResource } from "../offline/recorder";
import type { OfflineRun, SucceededRun } from "../offline/run";
import { readStackValues } from "../offline/stack-values";
import { byUrn } from "./graph-support";
import { PROJECT_DIR, runValidConfig } from "./harness";

/**
 * Helpers for the cluster tests: the AWS resources a run registered, by type and by the component that owns
 * them, and the links between them (a resource's input naming another's id or ARN), read from the recorded
 * inputs as the engine would receive them.
 */

export const CLUSTER_TYPE = "strata:cluster:Cluster";
export const EXISTING_CLUSTER_TYPE = "strata:cluster:ExistingCluster";
export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";
export const REGION = "eu-west-1";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  igw: "aws:ec2/internetGateway:InternetGateway",
  eip: "aws:ec2/eip:Eip",
  nat: "aws:ec2/natGateway:NatGateway",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  eks: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  addon: "aws:eks/addon:Addon",
  accessEntry: "aws:eks/accessEntry:AccessEntry",
  accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  kmsKey: "aws:kms/key:Key",
  kmsAlias: "aws:kms/alias:Alias",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  bucketSse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketOwnership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketLifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
} as const;

export function assertOk(run: OfflineRun): SucceededRun {
  if (!run.ok) assert.fail(`config was rejected: ${JSON.stringify(run.issues)}`);
  return run;
}

export function ofType(run: { resources: RecordedResource[] }, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function inputs(r: RecordedResource): any {
  return r.inputs;
}

/** The id the offline mocks give a resource: its logical name with "-id". */
export function idOf(r: RecordedResource): string {
  return `${r.name}-id`;
}

/** The ARN the offline mocks give an IAM role (what other resources' inputs name it by). */
export function roleArn(r: RecordedResource): string {
  assert.equal(r.type, T.role);
  return awsComputedState(r.type, r.name, r.inputs).arn as string;
}

/** The ARN the offline mocks give a bucket (from its generated name). */
export function bucketArn(r: RecordedResource): string {
  assert.equal(r.type, T.bucket);
  return awsComputedState(r.type, r.name, r.inputs).arn as string;
}

/** The IAM role a resource names by ARN. */
export function roleByArn(run: SucceededRun, arn: unknown): RecordedResource {
  const found = ofType(run, T.role).filter((r) => roleArn(r) === arn);
  assert.equal(found.length, 1, `expected one role with ARN ${String(arn)}, found ${found.length}`);
  return found[0];
}

/** The IAM role a resource names by name. */
export function roleByName(run: SucceededRun, name: unknown): RecordedResource {
  const found = ofType(run, T.role).filter((r) => awsComputedState(r.type, r.name, r.inputs).name === name);
  assert.equal(found.length, 1, `expected one role named ${String(name)}, found ${found.length}`);
  return found[0];
}

export function isAwsResource(r: RecordedResource): boolean {
  return r.type.startsWith("aws:") || r.type === AWS_PROVIDER_TYPE;
}

/** Whether `r` descends (through parents) from the resource with URN `ancestor`. */
export function descendsFrom(run: SucceededRun, r: RecordedResource, ancestor: string): boolean {
  const resources = byUrn(run.resources);
  for (let p = r.parent; p; p = resources.get(p)?.parent) if (p === ancestor) return true;
  return false;
}

/** A JSON policy document input, parsed. */
export function policy(document: unknown): { Version: string; Statement: any[] } {
  assert.equal(typeof document, "string", `a policy document is not a JSON string: ${JSON.stringify(document)}`);
  return JSON.parse(document as string);
}

/** The single resource of a type whose input `field` equals `value`. */
export function findBy(run: SucceededRun, type: string, field: string, value: unknown): RecordedResource {
  const found = ofType(run, type).filter((r) => inputs(r)[field] === value);
  assert.equal(found.length, 1, `expected one ${type} with ${field} = ${JSON.stringify(value)}, found ${found.length}`);
  return found[0];
}

/**
 * What an existing cluster adds outside `cluster` for the default layers: pgBackRest's IAM role and the
 * backup region, the Secrets Manager store's role and region (Strata makes no AWS resource there).
 */
export const EXISTING_DATA = {
  postgres: { backups: { roleArn: "arn:aws:iam::210987654321:role/team-pgbackrest", region: "eu-west-1" } },
  credentials: { secretsManager: { roleArn: "arn:aws:iam::210987654321:role/team-external-secrets", region: "eu-west-1" } },
};

/** A valid existing-cluster config (kubeconfig and context). */
export const EXISTING = {
  mode: "existing",
  name: "team-eks",
  kubeconfig: "apiVersion: v1\nkind: Config\nclusters: []\n",
  context: "team-eks-admin",
  oidcProviderArn: "arn:aws:iam::210987654321:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF",
  oidcProviderUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF",
  vpcCidr: "10.20.0.0/16",
  buckets: { backups: "team-velero-backups", metrics: "team-thanos-blocks", postgres: "team-pgbackrest" },
};

/** What an existing cluster must name for the service layers: Velero's and Thanos's roles, the buckets' region. */
export const EXISTING_SERVICES = {
  backup: { roleArn: "arn:aws:iam::210987654321:role/team-velero", region: "eu-west-1" },
  observability: {
    thanos: {
      region: "eu-west-1",
      roleArns: {
        sidecar: "arn:aws:iam::210987654321:role/team-thanos-sidecar",
        storeGateway: "arn:aws:iam::210987654321:role/team-thanos-store",
        compactor: "arn:aws:iam::210987654321:role/team-thanos-compact",
      },
    },
  },
};

/** What an existing cluster must name for the data and service layers together. */
export const EXISTING_LAYERS = { ...EXISTING_SERVICES, ...EXISTING_DATA };

const fixedRuns = new Map<string, Promise<SucceededRun>>();

/**
 * A stack file's config run with managed node groups of fixed size for every pool (`cluster.autoscaling.mode:
 * none`, today's behaviour before node autoscaling): what the node group tests look at. Cached per stack.
 */
export function fixedPoolsRun(stack: string): Promise<SucceededRun> {
  if (!fixedRuns.has(stack)) {
    const { values, awsRegion } = readStackValues(PROJECT_DIR, stack);
    const cluster = { ...(values.cluster as Record<string, unknown> | undefined), autoscaling: { mode: "none" } };
    fixedRuns.set(stack, runValidConfig({ ...values, cluster, ...(awsRegion ? { "aws:region": awsRegion } : {}) }, stack));
  }
  return fixedRuns.get(stack)!;
}
