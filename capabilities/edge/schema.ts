import { z } from "zod";
import { awsRegionName, iamRoleArn } from "../../config/primitives";

/** An ACM certificate's ARN. */
const acmCertificateArn = z.string().regex(/^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:certificate\/[0-9a-f-]{36}$/, {
  message: 'must be an ACM certificate ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"',
});

/** A regional WAFv2 Web ACL's ARN. */
const webAclArn = z.string().regex(/^arn:aws[a-z-]*:wafv2:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/, {
  message: 'must be a regional WAFv2 Web ACL ARN such as "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/01234567-89ab-cdef-0123-456789abcdef"',
});

/**
 * The `edge` section: the AWS side of the gateway's load balancer (mesh.gateway.exposure and loadBalancer
 * say which). Every key is optional.
 */
export const edgeSchema = z
  .object({
    /** Install the AWS Load Balancer Controller (default: on a cluster Strata makes; off on an existing one, which runs its own). */
    controller: z.boolean().optional(),
    /** The controller's replicas (dev 1, prod 2; prod requires at least 2). */
    replicas: z.int32().min(1).max(5).optional(),
    /** Existing cluster, with the controller: the IAM role it assumes (Strata creates none there). */
    roleArn: iamRoleArn.optional(),
    /** Existing cluster, with the controller: the cluster's VPC. */
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { message: 'must be a VPC ID such as "vpc-0123456789abcdef0"' }).optional(),
    /** Existing cluster, with the controller: the cluster's region (default: aws:region). */
    region: awsRegionName.optional(),
    /** With mesh.gateway.loadBalancer: alb only. */
    alb: z
      .object({
        /** An ACM certificate for the hosts; default: Strata requests one and validates it in mesh.gateway.hostedZone. */
        certificateArn: acmCertificateArn.optional(),
        /** A WAFv2 Web ACL to associate (e.g. one Firewall Manager owns); default: Strata makes one. */
        webAclArn: webAclArn.optional(),
        /** Requests per client IP address in any 5 minutes above which the Web ACL Strata makes blocks it (default 2000). */
        rateLimit: z.int32().min(10).max(2_000_000_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type EdgeInput = z.input<typeof edgeSchema>;
