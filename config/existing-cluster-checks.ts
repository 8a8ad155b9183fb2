import type { ConfigIssue } from "./issues";

/**
 * On an existing cluster Strata makes no AWS resource: a capability that needs an IAM role or a bucket's
 * region is told them in config. In EKS mode it makes the role itself, so a configured one is refused.
 */

export function roleIssues(path: string, value: unknown, mode: string | undefined, what: string): ConfigIssue[] {
  if (mode === "existing" && value === undefined) {
    return [{ path, message: `an existing cluster gets no AWS resources from Strata: name the IAM role${what}` }];
  }
  if (mode === "eks" && value !== undefined) return [{ path, message: "in EKS mode Strata makes this role itself (IRSA); it is for existing clusters" }];
  return [];
}

export function regionIssues(path: string, value: unknown, mode: string | undefined, awsRegion: string | undefined): ConfigIssue[] {
  if (mode === "existing" && value === undefined && awsRegion === undefined) {
    return [{ path, message: "the bucket's region is needed for an existing cluster: set it here or set aws:region" }];
  }
  return [];
}
