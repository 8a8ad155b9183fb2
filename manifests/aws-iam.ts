/**
 * IAM policy documents, as plain data: trust policies (who may assume a role) and the few permission
 * policies the cluster layer writes itself. The IRSA trust policy is here once; every role bound to a
 * Kubernetes service account is made from it.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** The audience of the tokens EKS projects for IRSA: what STS expects in `aud`. */
export const IRSA_AUDIENCE = "sts.amazonaws.com";

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The `sub` claim of a service account's projected token. */
export function serviceAccountSubject(account: ServiceAccountRef): string {
  return `system:serviceaccount:${account.namespace}:${account.name}`;
}

/** An issuer URL without its scheme: the prefix of the OIDC condition keys (`<host/path>:sub`). */
export function issuerHostPath(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, "").replace(/\/$/, "");
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(arn: string): string {
  const partition = arn.split(":")[1];
  if (!arn.startsWith("arn:") || !partition) throw new Error(`not an ARN: ${arn}`);
  return partition;
}

/** The ARN of an AWS managed policy, e.g. `service-role/AmazonEBSCSIDriverPolicy`. */
export function managedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/${policy}`;
}

/** Trust policy of a role an AWS service assumes (e.g. `eks.amazonaws.com`). */
export function serviceTrustPolicy(service: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  };
}

/**
 * IRSA: only the pods of one service account (or of each of a few listed ones, for an operator that runs one
 * workload under several accounts), with a token meant for STS, may assume the role. Both the subject and
 * the audience are pinned with StringEquals (no wildcard).
 */
export function irsaTrustPolicy(oidcProviderArn: string, issuerUrl: string, accounts: ServiceAccountRef | ServiceAccountRef[]): PolicyDocument {
  const issuer = issuerHostPath(issuerUrl);
  const subjects = (Array.isArray(accounts) ? accounts : [accounts]).map(serviceAccountSubject);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
            [`${issuer}:aud`]: IRSA_AUDIENCE,
          },
        },
      },
    ],
  };
}

/** Lets a principal use a KMS key for envelope encryption (what EKS needs for secrets encryption). */
export function kmsEnvelopeEncryptionPolicy(keyArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey", "kms:GenerateDataKey*"],
        Resource: keyArn,
      },
    ],
  };
}

/** The oldest TLS version a bucket accepts. */
export const MIN_TLS_VERSION = "1.2";

/** A bucket policy that refuses every request not made over TLS (and over TLS older than 1.2). */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  const resources = [bucketArn, `${bucketArn}/*`];
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: resources,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyOutdatedTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: resources,
        Condition: { NumericLessThan: { "s3:TlsVersion": MIN_TLS_VERSION } },
      },
    ],
  };
}

/** The EKS access policies an access entry may be associated with, by Strata's short name. */
export const eksAccessPolicies = {
  "cluster-admin": "AmazonEKSClusterAdminPolicy",
  admin: "AmazonEKSAdminPolicy",
  edit: "AmazonEKSEditPolicy",
  view: "AmazonEKSViewPolicy",
} as const;

export function eksAccessPolicyArn(partition: string, policy: keyof typeof eksAccessPolicies): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${eksAccessPolicies[policy]}`;
}

/** The annotation EKS's pod identity webhook reads to give a service account's pods an IAM role (IRSA). */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/** The regional S3 endpoint a client in `region` talks to. */
export function s3Endpoint(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/** The ARN of a bucket by name. */
export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** What a bucket's user may do with its objects: read, write, or also delete (lifecycle of their own data). */
export type BucketAccess = "read" | "read-write" | "read-write-delete";

const OBJECT_ACTIONS: Record<BucketAccess, string[]> = {
  read: ["s3:GetObject"],
  "read-write": ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
  "read-write-delete": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
};

/**
 * Access to one of the platform's buckets: list it, the object actions of `access`, and its KMS key through
 * S3 only, for this bucket only (with an S3 bucket key the encryption context is the bucket's ARN).
 */
export function bucketAccessStatements(arn: string, region: string, access: BucketAccess): PolicyStatement[] {
  const writes = access !== "read";
  return [
    { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: arn },
    { Sid: "Objects", Effect: "Allow", Action: OBJECT_ACTIONS[access], Resource: `${arn}/*` },
    {
      Sid: "UseBucketKeyThroughS3",
      Effect: "Allow",
      Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": s3Endpoint(region) }, StringLike: { "kms:EncryptionContext:aws:s3:arn": arn } },
    },
  ];
}
