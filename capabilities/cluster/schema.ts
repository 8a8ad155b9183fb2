import { z } from "zod";
import { addonNames, type AddonName } from "./addons";
import { MAX_ZONES } from "./subnets";
import { bucketPurposes, type BucketPurpose } from "../../platform/buckets";
import { cidrProblem } from "../../platform/cidr";
import { instanceTypeProblem } from "../../platform/instance-types";
import type { NodePool } from "../../platform/placement";
import { dnsLabel, bucketName } from "../../config/primitives";

/**
 * The stack-config shape of the cluster (`strata:cluster`). Two modes, told apart by `mode`:
 * - `eks` (the default): Strata creates the VPC, the EKS cluster, its node groups, IRSA and the buckets.
 * - `existing`: Strata creates no AWS resource and deploys into a cluster the team already runs.
 * Optional fields take their (profile) defaults in resolve.ts; cross-key rules are in checks.ts.
 */

function refined(problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

export const cidrBlock = refined(cidrProblem);
export const instanceType = refined(instanceTypeProblem);

/** An availability zone name: its region plus a letter (e.g. eu-west-1a). */
export const AVAILABILITY_ZONE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
export const availabilityZoneName = z.string().regex(AVAILABILITY_ZONE, { message: 'must be an availability zone name such as "eu-west-1a"' });

/** A Kubernetes minor version ("1.34"). */
export const KUBERNETES_MINOR = /^1\.\d{1,2}$/;

/** An EKS cluster name Strata can also use in bucket and IAM names: lower-case, digits and '-'. */
export const clusterName = dnsLabel.max(40, { message: "must be at most 40 characters (it prefixes other names)" });


const iamPrincipalArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, {
  message: "must be the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/platform-admins",
});

export const oidcProviderArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[^\s]+$/, {
  message: "must be an IAM OIDC provider ARN, e.g. arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
});

export const oidcIssuerUrl = z.string().regex(/^https:\/\/[^\s/]+(\/[^\s]*)?$/, {
  message: "must be the cluster's OIDC issuer URL, e.g. https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
});

/** An EKS add-on version as `aws eks describe-addon-versions` lists it, e.g. "v1.20.0-eksbuild.1". */
export const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { message: 'must be an EKS add-on version such as "v1.20.0-eksbuild.1"' });

export const natGatewayModes = ["single", "one-per-az"] as const;
/** Who sizes the pools other than `system`: Karpenter (node autoscaling), or nobody (managed node groups at their configured sizes). */
export const autoscalingModes = ["karpenter", "none"] as const;
export const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
export const accessPolicies = ["cluster-admin", "admin", "edit", "view"] as const;
export const capacityTypes = ["ON_DEMAND", "SPOT"] as const;
export const storageClasses = ["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;
/** The retention periods CloudWatch Logs accepts, in days. */
export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const nodeGroupFields = {
  /** EC2 instance types, of the families in platform/instance-types.ts; the spot pool needs at least 3. */
  instanceTypes: z.array(instanceType).min(1).optional(),
  minSize: z.int32().min(0).max(1000).optional(),
  desiredSize: z.int32().min(0).max(1000).optional(),
  maxSize: z.int32().min(1).max(1000).optional(),
  /** Root volume size (encrypted gp3). */
  diskSizeGiB: z.int32().min(20).max(16384).optional(),
};

export const nodeGroupSchema = z.object(nodeGroupFields).strict();
/** The GPU pool may run on spot or on-demand capacity; the other pools' capacity type follows their placement. */
export const gpuNodeGroupSchema = z.object({ ...nodeGroupFields, capacityType: z.enum(capacityTypes).optional() }).strict();

export const nodeGroupsSchema = z
  .object({
    system: nodeGroupSchema.optional(),
    stateful: nodeGroupSchema.optional(),
    "on-demand": nodeGroupSchema.optional(),
    spot: nodeGroupSchema.optional(),
    /** Absent: no GPU pool. `{}`: a GPU pool with the defaults. */
    gpu: gpuNodeGroupSchema.optional(),
  } satisfies Record<NodePool, z.ZodType>)
  .strict();

export const lifecycleRuleSchema = z
  .object({
    id: z.string().min(1).max(255),
    /** Only objects under this key prefix; the whole bucket when absent. */
    prefix: z.string().optional(),
    enabled: z.boolean().optional(),
    /** Delete current objects this many days after creation. */
    expirationDays: z.int32().min(1).optional(),
    /** Delete noncurrent (overwritten or deleted) versions this many days after they became noncurrent. */
    noncurrentVersionExpirationDays: z.int32().min(1).optional(),
    abortIncompleteMultipartUploadDays: z.int32().min(1).optional(),
    transitions: z.array(z.object({ days: z.int32().min(0), storageClass: z.enum(storageClasses) }).strict()).min(1).optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.expirationDays !== undefined ||
      r.noncurrentVersionExpirationDays !== undefined ||
      r.abortIncompleteMultipartUploadDays !== undefined ||
      r.transitions !== undefined,
    { message: "a lifecycle rule needs an action: expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadDays or transitions" },
  );

export const bucketSettingsSchema = z
  .object({
    /** Replaces the profile's default rules. */
    lifecycleRules: z.array(lifecycleRuleSchema).optional(),
    /** Let `pulumi destroy` delete a bucket that still holds objects (default: dev yes, prod no). */
    forceDestroy: z.boolean().optional(),
  })
  .strict();

export const eksClusterSchema = z
  .object({
    mode: z.literal("eks").optional(),
    /** The EKS cluster name; default `strata-<stack>`. */
    name: clusterName.optional(),
    /** Kubernetes minor version, e.g. "1.34". */
    kubernetesVersion: z.string().regex(KUBERNETES_MINOR, { message: 'must be a Kubernetes minor version such as "1.34"' }).optional(),
    /** Explicit zones; when absent, the first `availabilityZoneCount` zones the region reports as available. */
    availabilityZones: z.array(availabilityZoneName).min(2).max(MAX_ZONES).optional(),
    availabilityZoneCount: z.int32().min(2).max(MAX_ZONES).optional(),
    vpcCidr: cidrBlock.optional(),
    natGateways: z.enum(natGatewayModes).optional(),
    endpoint: z
      .object({
        /** The API endpoint is always reachable from inside the VPC; this also opens it to the internet. */
        publicAccess: z.boolean().optional(),
        /** Where the public endpoint may be reached from (required for a public endpoint in prod). */
        publicAccessCidrs: z.array(cidrBlock).min(1).optional(),
      })
      .strict()
      .optional(),
    logTypes: z.array(z.enum(controlPlaneLogTypes)).optional(),
    logRetentionDays: z
      .int()
      .refine((d) => (logRetentionDays as readonly number[]).includes(d), { message: `must be one of CloudWatch's retention periods: ${logRetentionDays.join(", ")}` })
      .optional(),
    /** IAM principals given access to the cluster (EKS access entries). The principal that runs `pulumi up` is admin already. */
    accessEntries: z
      .array(
        z
          .object({
            principalArn: iamPrincipalArn,
            accessPolicy: z.enum(accessPolicies),
            /** Limit the policy to these namespaces; cluster-wide when absent. */
            namespaces: z.array(dnsLabel).min(1).optional(),
          })
          .strict(),
      )
      .optional(),
    /**
     * The pools' sizing: `karpenter` (the default) runs Karpenter, which adds nodes to the spot, on-demand,
     * stateful and gpu pools as pods need them and removes idle ones (`strata:karpenter` configures it); the
     * system pool stays a managed node group. `none`: every pool is a managed node group of fixed size.
     */
    autoscaling: z.object({ mode: z.enum(autoscalingModes).optional() }).strict().optional(),
    /**
     * The least share of the application layers' requested CPU (at baseline: replicas, autoscalers' minima)
     * that runs on the spot pool, e.g. 0.6: a stack whose layers put less there is refused.
     */
    spotShare: z.object({ min: z.number().min(0).max(1) }).strict().optional(),
    nodeGroups: nodeGroupsSchema.optional(),
    /**
     * Exact add-on versions, by add-on. An add-on without one gets the version EKS defaults to for the
     * cluster's Kubernetes version when it is created, and keeps it until a version is set here.
     */
    addonVersions: z
      .object(Object.fromEntries(addonNames.map((a) => [a, addonVersion.optional()])) as Record<AddonName, z.ZodOptional<typeof addonVersion>>)
      .strict()
      .optional(),
    buckets: z
      .object(Object.fromEntries(bucketPurposes.map((p) => [p, bucketSettingsSchema.optional()])) as Record<BucketPurpose, z.ZodOptional<typeof bucketSettingsSchema>>)
      .strict()
      .optional(),
  })
  .strict();

export const existingClusterSchema = z
  .object({
    mode: z.literal("existing"),
    /** The cluster's name (reported in outputs; later layers name things after it). */
    name: clusterName,
    /** Kubeconfig contents. Set it as a secret: `pulumi config set --secret --path cluster.kubeconfig`. */
    kubeconfig: z.string().min(1).optional(),
    /** A context of the kubeconfig (or of the ambient kubeconfig when `kubeconfig` is absent). */
    context: z.string().min(1).optional(),
    oidcProviderArn,
    oidcProviderUrl: oidcIssuerUrl,
    /**
     * The cluster's VPC CIDR: the API server's endpoint, the nodes and the VPC's AWS interface endpoints
     * live in it, and the platform's network policies name it for them.
     */
    vpcCidr: cidrBlock,
    /** The buckets the platform writes to, by purpose. */
    buckets: z
      .object(Object.fromEntries(bucketPurposes.map((p) => [p, bucketName])) as Record<BucketPurpose, typeof bucketName>)
      .strict(),
  })
  .strict();

export const clusterSchema = z.discriminatedUnion("mode", [eksClusterSchema, existingClusterSchema], {
  // Only the unknown-mode issue gets this message; others (e.g. not an object) keep zod's.
  error: (issue) => (issue.code === "invalid_union" ? 'mode must be "eks" (the default) or "existing"' : undefined),
});

export type ClusterInput = z.input<typeof clusterSchema>;
export type ClusterConfig = z.output<typeof clusterSchema>;
export type EksClusterConfig = z.output<typeof eksClusterSchema>;
export type ExistingClusterConfig = z.output<typeof existingClusterSchema>;
