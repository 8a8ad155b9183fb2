import type { ConfigIssue } from "./issues";

/**
 * Invalid stack config, raised before any resource is registered. Pulumi recognises a RunError by its
 * `__pulumiRunError` marker (`RunError.isInstance`), not by its class, so `pulumi up` prints the list
 * without a stack trace; carrying the marker instead of extending pulumi.RunError keeps the SDK out of
 * `strata render`, `validate` and `--help`, which load the config but never the SDK.
 */
export class ConfigError extends Error {
  /** The marker pulumi.RunError.isInstance looks for. */
  readonly __pulumiRunError = true;

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
