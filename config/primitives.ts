import { z } from "zod";
import { AWS_REGIONS, awsRegionMessage } from "../platform/aws-regions";
import { cronProblem, type CronConsumer } from "../platform/cron";
import { goDurationRangeProblem, parseGoDuration, parsePrometheusDuration } from "../platform/duration";
import { imagePinProblem } from "../platform/image-reference";
import { canonicalQuantity, isQuantity, quantityText } from "../platform/quantity";

/** A DNS-1035 label: valid as a namespace, Service and workload name. */
export const dnsLabel = z
  .string()
  .max(63, { message: "must be at most 63 characters" })
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, {
    message: "must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter",
  });

/** A DNS-1123 subdomain: valid as the name of most Kubernetes objects (a Secret, a ConfigMap). */
export const dnsSubdomain = z
  .string()
  .max(253, { message: "must be at most 253 characters" })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    message: "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'",
  });

export const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "must be a valid environment variable name" });

/** An IANA service name, as Kubernetes requires for named ports. */
export const portName = z
  .string()
  .max(15, { message: "must be at most 15 characters" })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: "must be lower-case letters, digits and '-'" })
  .refine((v) => /[a-z]/.test(v), { message: "must contain at least one letter" });

/** A TCP/UDP port. `z.int` (not `int32`): a huge number is refused once, by the port range, not twice. */
export const portNumber = z.int().min(1).max(65535);

/** A pinned container image: a version tag (not "latest") or a digest. */
export const pinnedImage = z.string().superRefine((image, ctx) => {
  const problem = imagePinProblem(image);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * A quantity in any spelling Kubernetes accepts (2, 0.5, ".5", "250m", "1e3", 1073741824, "1.5Gi"), written
 * canonically (as Kubernetes writes it back: ".5" is "500m"), so that what Strata renders compares as equal.
 */
const quantity = (kind: string, example: string) =>
  z
    .union([z.number(), z.string()])
    .transform((value, ctx) => {
      const text = quantityText(value);
      if (text === undefined || !isQuantity(text)) {
        ctx.addIssue({ code: "custom", message: `must be a ${kind} quantity such as ${example} (got ${JSON.stringify(value)})` });
        return z.NEVER;
      }
      return canonicalQuantity(text);
    });

export const cpuQuantity = quantity("CPU", '"250m", "2" or 0.5');

export const memoryQuantity = quantity("memory", '"512Mi" or "2Gi"');

/** A PDB bound: a pod count or a percentage ("50%"). */
export const intOrPercent = z.union([z.int32().min(0), z.string().regex(/^(100|[1-9]?[0-9])%$/, { message: 'must be a count or a percentage from "0%" to "100%"' })]);

/** A Go duration ("30s", "720h0m0s"): Velero TTLs, Istio timeouts. */
export const goDuration = z.string().superRefine((text, ctx) => {
  const seconds = parseGoDuration(text);
  if (seconds === undefined) ctx.addIssue({ code: "custom", message: `"${text}" is not a duration such as "30s", "10m" or "720h0m0s"` });
  else if (seconds <= 0) ctx.addIssue({ code: "custom", message: `"${text}" must be longer than zero` });
  else {
    const tooLong = goDurationRangeProblem(text);
    if (tooLong) ctx.addIssue({ code: "custom", message: tooLong });
  }
});

/** A Prometheus duration ("2h", "30d", "1y"): retention and rule windows. */
export const prometheusDuration = z.string().superRefine((text, ctx) => {
  const seconds = parsePrometheusDuration(text);
  if (seconds === undefined) ctx.addIssue({ code: "custom", message: `"${text}" is not a duration such as "2h", "30d" or "1y"` });
  else if (seconds <= 0) ctx.addIssue({ code: "custom", message: `"${text}" must be longer than zero` });
});

/** A cron schedule (five fields or a descriptor such as "@daily") as `consumer` takes it, checked field by field. */
export const cronFor = (consumer: CronConsumer) =>
  z.string().superRefine((schedule, ctx) => {
    const problem = cronProblem(schedule, consumer);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A Velero schedule: five fields, a descriptor, or `@every <duration>`. */
export const cronExpression = cronFor("velero");

/** An IAM role ARN, for roles Strata does not create (existing-cluster mode). */
export const iamRoleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, {
  message: 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/velero"',
});

/** A key of a secrets manager (AWS Secrets Manager's naming): an External Secrets remote key or its prefix. */
export const remoteKeyPath = z.string().regex(/^[A-Za-z0-9_.+=@/-]+$/, { message: "must be a secrets-manager key path (letters, digits and _.+=@/-)" });

/** An AWS region the AWS provider knows ("eu-west-1"). */
export const awsRegionName = z.string().refine((r) => AWS_REGIONS.includes(r), { message: awsRegionMessage });

/** A host the gateway serves: a DNS name, optionally with a leading wildcard label, or "*". */
export const gatewayHost = z.string().regex(/^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/, {
  message: 'must be a host name such as "api.example.com", "*.example.com" or "*"',
});

/** An S3 bucket name (general purpose bucket naming rules). */
export const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "must be an S3 bucket name: 3–63 lower-case letters, digits, '.' and '-'" })
  .refine((v) => !v.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(v), { message: "must be an S3 bucket name (no '..', not an IP address)" });
