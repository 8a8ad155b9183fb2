import * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "./issues";

/**
 * Invalid stack config. A RunError, so `pulumi up` prints the list without a stack trace; raised before
 * any resource is registered.
 */
export class ConfigError extends pulumi.RunError {
  constructor(
    public readonly issues: ConfigIssue[],
    public readonly namespace: string,
  ) {
    super(formatConfigIssues(issues, namespace));
    this.name = "ConfigError";
  }
}

export function formatConfigIssues(issues: ConfigIssue[], namespace: string): string {
  const lines = issues.map((i) => `  - ${namespace}:${i.path}: ${i.message}`);
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return [`invalid stack config (${count}):`, ...lines].join("\n");
}
