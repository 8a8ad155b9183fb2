import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * What AWS would answer, offline: fixed, plausible values for the data sources (invokes) the program
 * calls, and the attributes AWS computes when it creates a resource (ARNs, generated names, the cluster's
 * endpoint and OIDC issuer). Deterministic: the same program gives the same answers, so `strata check`
 * prints the same document twice.
 *
 * An AWS invoke without an answer here fails the run, rather than echoing its inputs back as if AWS had
 * said so.
 */

export const OFFLINE_ACCOUNT_ID = "123456789012";
export const OFFLINE_PARTITION = "aws";
/** The region offline answers use when the stack sets no `aws:region`. */
export const OFFLINE_DEFAULT_REGION = "us-east-1";
/** The caller `strata check` pretends to be. */
export const OFFLINE_CALLER_ARN = `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/strata-offline`;

export function offlineRegion(): string {
  return pulumi.runtime.allConfig()["aws:region"] || OFFLINE_DEFAULT_REGION;
}

/** A stable hexadecimal token derived from a name. */
function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length).toUpperCase();
}

type Answer = (inputs: Record<string, any>) => Record<string, unknown>;

const invokes: Record<string, Answer> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: OFFLINE_ACCOUNT_ID,
    accountId: OFFLINE_ACCOUNT_ID,
    arn: OFFLINE_CALLER_ARN,
    userId: "AIDAOFFLINEOFFLINE0001",
  }),
  "aws:index/getPartition:getPartition": () => ({
    id: OFFLINE_PARTITION,
    partition: OFFLINE_PARTITION,
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:index/getRegion:getRegion": () => {
    const region = offlineRegion();
    return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: `offline ${region}` };
  },
  "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs) => {
    const region = offlineRegion();
    const letters = ["a", "b", "c", "d", "e", "f"];
    const code = region.replace(/^(\w\w)-(\w)\w*-(\d+)$/, "$1$2$3");
    return {
      ...inputs,
      id: region,
      region,
      names: letters.map((l) => `${region}${l}`),
      zoneIds: letters.map((_, i) => `${code}-az${i + 1}`),
      groupNames: letters.map(() => region),
    };
  },
};

/** The answer to an invoke, or undefined for one outside AWS. Throws for an AWS invoke without an answer. */
export function awsInvoke(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined {
  const answer = invokes[token];
  if (answer) return answer(inputs);
  if (token.startsWith("aws:")) throw new Error(`offline: no answer for the AWS invoke ${token}; add one in offline/aws-mocks.ts`);
  return undefined;
}

/** A name Pulumi would auto-generate (logical name plus a random suffix), fixed offline. */
const autoName = (name: string) => `${name}-0ff1ine`;

type State = (name: string, inputs: Record<string, any>) => Record<string, unknown>;

const computed: Record<string, State> = {
  "aws:iam/role:Role": (name, inputs) => {
    const roleName = inputs.name ?? autoName(name);
    return { name: roleName, arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${roleName}`, uniqueId: `AROA${hex(name, 16)}` };
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (_, inputs) => ({
    arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`,
  }),
  "aws:kms/key:Key": (name) => {
    const keyId = hex(`key:${name}`, 32).toLowerCase().replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    return { keyId, arn: `arn:aws:kms:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:key/${keyId}` };
  },
  "aws:kms/alias:Alias": (_, inputs) => ({ arn: `arn:aws:kms:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:${inputs.name}` }),
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => ({
    arn: `arn:aws:logs:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:log-group:${inputs.name ?? autoName(name)}`,
  }),
  "aws:eks/cluster:Cluster": (name, inputs) => {
    const region = offlineRegion();
    const id = hex(`cluster:${inputs.name ?? name}`, 32);
    return {
      name: inputs.name ?? autoName(name),
      arn: `arn:aws:eks:${region}:${OFFLINE_ACCOUNT_ID}:cluster/${inputs.name ?? autoName(name)}`,
      endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
      certificateAuthority: { data: Buffer.from(`offline certificate authority of ${inputs.name ?? name}`).toString("base64") },
      identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}` }] }],
      status: "ACTIVE",
      vpcConfig: { ...inputs.vpcConfig, clusterSecurityGroupId: `sg-${hex(`cluster-sg:${name}`, 17).toLowerCase()}` },
    };
  },
  "aws:eks/nodeGroup:NodeGroup": (name, inputs) => {
    const groupName = inputs.nodeGroupName ?? (inputs.nodeGroupNamePrefix ? `${inputs.nodeGroupNamePrefix}0ff1ine` : autoName(name));
    return { nodeGroupName: groupName, arn: `arn:aws:eks:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:nodegroup/${inputs.clusterName}/${groupName}/0ff1ine`, status: "ACTIVE" };
  },
  "aws:eks/addon:Addon": (_, inputs) => ({ arn: `arn:aws:eks:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:addon/${inputs.clusterName}/${inputs.addonName}/0ff1ine` }),
  "aws:ec2/launchTemplate:LaunchTemplate": (name, inputs) => ({ name: inputs.name ?? (inputs.namePrefix ? `${inputs.namePrefix}0ff1ine` : autoName(name)), latestVersion: 1, defaultVersion: 1 }),
  "aws:iam/instanceProfile:InstanceProfile": (name, inputs) => {
    const profile = inputs.name ?? autoName(name);
    return { name: profile, arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:instance-profile/${profile}`, uniqueId: `AIPA${hex(name, 16)}` };
  },
  "aws:sqs/queue:Queue": (name, inputs) => {
    const queue = inputs.name ?? autoName(name);
    return { name: queue, arn: `arn:aws:sqs:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:${queue}`, url: `https://sqs.${offlineRegion()}.amazonaws.com/${OFFLINE_ACCOUNT_ID}/${queue}` };
  },
  "aws:cloudwatch/eventRule:EventRule": (name, inputs) => {
    const rule = inputs.name ?? autoName(name);
    return { name: rule, arn: `arn:aws:events:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:rule/${rule}` };
  },
  "aws:s3/bucket:Bucket": (name, inputs) => {
    const bucket = inputs.bucket ?? (inputs.bucketPrefix ? `${inputs.bucketPrefix}0ff1ine` : autoName(name));
    return { bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${offlineRegion()}.amazonaws.com`, region: offlineRegion() };
  },
  // The public edge: an ACM certificate asks one CNAME per name (a wildcard and its base name share one).
  "aws:acm/certificate:Certificate": (name, inputs) => {
    const id = hex(`certificate:${name}`, 32).toLowerCase().replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    const domains: string[] = [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])];
    return {
      arn: `arn:aws:acm:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:certificate/${id}`,
      status: "PENDING_VALIDATION",
      domainValidationOptions: domains.map((domainName) => {
        const base = domainName.replace(/^\*\./, "");
        return {
          domainName,
          resourceRecordName: `_${hex(`validation:${base}`, 32).toLowerCase()}.${base}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${hex(`answer:${base}`, 32).toLowerCase()}.acm-validations.aws.`,
        };
      }),
    };
  },
  "aws:route53/record:Record": (_, inputs) => ({ fqdn: String(inputs.name).replace(/\.$/, "") }),
  "aws:wafv2/webAcl:WebAcl": (name, inputs) => {
    const id = hex(`webacl:${name}`, 32).toLowerCase().replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    return { id, arn: `arn:aws:wafv2:${offlineRegion()}:${OFFLINE_ACCOUNT_ID}:regional/webacl/${inputs.name ?? autoName(name)}/${id}`, capacity: 1000 };
  },
};

/** The attributes AWS computes for a new resource of this type (on top of its inputs). */
export function awsComputedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return computed[type]?.(name, inputs) ?? {};
}
