import { z } from "zod";
import { IRSA_ROLE_NAMES } from "../../platform/irsa-roles";
import { goDurationRangeProblem } from "../../platform/duration";
import { bucketPurposes, type BucketPurpose } from "../../platform/buckets";
import { dnsLabel, dnsSubdomain, remoteKeyPath } from "../../config/primitives";
import { bucketName } from "../../config/primitives";

/** A Git clone URL: https://, ssh:// or scp-like git@host:path; no spaces. */
export const gitUrl = z.string().regex(/^(https:\/\/|ssh:\/\/|git@[^\s:]+:)[^\s]+$/, { message: "must be a Git clone URL: https://…, ssh://… or git@host:path" });
/** A Git branch name (git check-ref-format, simplified): no spaces, no "..", not starting with "-" or "/". */
export const gitBranch = z.string().regex(/^(?!-|\/)(?!.*\.\.)(?!.*\/$)[A-Za-z0-9._\/-]+$/, { message: 'must be a Git branch name such as "main" or "release/1.2"' });
/** A relative directory inside the repository: no leading "/", no "..", no spaces ("." for the root). */
export const repoPath = z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._\/-]+$/, { message: 'must be a directory relative to the repository root, without "..", e.g. "rendered/prod"' });

/**
 * `gitops`: what `strata render` needs that only the cloud or the GitOps setup knows. Pulumi ignores it, but
 * for the store and refresh interval of the layers' ExternalSecrets (`secrets.externalSecrets`).
 * Values absent here are rendered as placeholders, listed in `placeholders.yaml` and on stdout.
 */
export const gitopsSchema = z
  .object({
    /** The External Secrets store every rendered ExternalSecret reads from. */
    secretStore: z
      .object({
        kind: z.enum(["ClusterSecretStore", "SecretStore"]).optional(),
        name: dnsSubdomain,
      })
      .strict()
      .optional(),
    /** Prefix of the remote keys (`<prefix>/<namespace>/<secret>`); default `strata/<stack>`. */
    remoteKeyPrefix: remoteKeyPath.optional(),
    /** How often External Secrets re-reads the store, as a Go duration. */
    refreshInterval: z
      .string()
      .regex(/^(\d+(h|m|s))+$/, { message: 'must be a duration such as "1h" or "15m"' })
      .refine((d) => goDurationRangeProblem(d) === undefined, { message: "is longer than Go's longest duration (2562047h)" })
      .optional(),
    /** The AWS account ID (the program learns it from AWS; a render cannot). */
    accountId: z
      .string()
      .regex(/^\d{12}$/, { message: "must be a 12-digit AWS account ID" })
      .optional(),
    /** Bucket names by purpose, for a cluster Strata creates (an existing cluster's come from cluster.buckets). */
    buckets: z
      .object(Object.fromEntries(bucketPurposes.map((p) => [p, bucketName.optional()])) as Record<BucketPurpose, z.ZodOptional<typeof bucketName>>)
      .strict()
      .optional(),
    /**
     * The Git repository the rendered tree is committed to, which `strata render --gitops argocd|flux` points
     * Argo CD's Applications or Flux's GitRepository at (`--repo-url`, `--repo-branch`, `--repo-path` override it).
     */
    repository: z
      .object({
        /** The repository's clone URL: https://…, ssh://… or git@host:path. */
        url: gitUrl,
        /** The branch to follow; default `main`. */
        branch: gitBranch.optional(),
        /** Where in the repository the rendered tree lies (the `--out` directory), relative to its root. */
        path: repoPath,
      })
      .strict()
      .optional(),
    /** IAM role ARNs of the platform's IRSA roles, by role name (e.g. `velero`). */
    roleArns: z
      .record(
        dnsLabel.refine((role) => (IRSA_ROLE_NAMES as readonly string[]).includes(role), { message: `is no role Strata assumes; the roles are ${IRSA_ROLE_NAMES.join(", ")}` }),
        z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: "must be an IAM role ARN" }),
      )
      .optional(),
  })
  .strict();

export type GitOpsInput = z.input<typeof gitopsSchema>;
export type GitOpsConfig = z.output<typeof gitopsSchema>;
