import type { ClusterSpec } from "../capabilities/cluster";
import type { GitOpsSpec } from "../capabilities/gitops";
import { bucketDescriptions, type BucketPurpose } from "../platform/buckets";
import type { CloudValueSource } from "../platform/cloud-values";

/** A value a render could not know: written as `${NAME}`, to be substituted before applying. */
export interface Placeholder {
  /** What is written in the manifests, e.g. `${STRATA_BUCKET_BACKUPS}`. */
  placeholder: string;
  /** What it stands for. */
  meaning: string;
  /** The stack config key that would give the value. */
  configKey: string;
}

const variable = (name: string) => `STRATA_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;

/**
 * Cloud values for a render: from stack config (`gitops`, and an existing cluster's bucket names), else a
 * placeholder in the `${VAR}` form Flux's post-build substitution and envsubst understand. Every
 * placeholder handed out is remembered, so that the render can list them.
 */
export class RenderCloudValues implements CloudValueSource {
  private readonly used = new Map<string, Placeholder>();

  constructor(
    private readonly gitops: GitOpsSpec,
    private readonly cluster: ClusterSpec,
    private readonly namespace: string,
    /** The stack's `aws:region`, when set. */
    private readonly awsRegion?: string,
  ) {}

  bucketName(purpose: BucketPurpose): string {
    const known = this.cluster.mode === "existing" ? this.cluster.buckets[purpose] : this.gitops.buckets[purpose];
    return known ?? this.placeholder(`bucket_${purpose}`, `name of the ${bucketDescriptions[purpose]} bucket`, this.key(`gitops.buckets.${purpose}`));
  }

  roleArn(role: string): string {
    return this.gitops.roleArns[role] ?? this.placeholder(`role_arn_${role}`, `ARN of the IRSA role ${role}`, this.key(`gitops.roleArns.${role}`));
  }

  accountId(): string {
    return this.gitops.accountId ?? this.placeholder("account_id", "AWS account ID", this.key("gitops.accountId"));
  }

  region(): string {
    return this.awsRegion ?? this.placeholder("aws_region", "the stack's AWS region", "aws:region");
  }

  generatedName(id: string, meaning: string, configKey: string): string {
    return this.placeholder(id, meaning, this.key(configKey));
  }

  /** Every placeholder handed out, by name. */
  placeholders(): Placeholder[] {
    return [...this.used.values()].sort((a, b) => a.placeholder.localeCompare(b.placeholder));
  }

  /** A key of the project's own config, as Pulumi.<stack>.yaml spells it. */
  private key(key: string): string {
    return `${this.namespace}:${key}`;
  }

  private placeholder(name: string, meaning: string, configKey: string): string {
    const placeholder = `\${${variable(name)}}`;
    this.used.set(placeholder, { placeholder, meaning, configKey });
    return placeholder;
  }
}
