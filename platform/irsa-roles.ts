/**
 * The IRSA roles Strata's components assume, by the name `gitops.roleArns` gives each ARN under (what
 * `strata render` cannot learn from the cloud). A key outside this list is a typo: it would be ignored and
 * the role rendered as a placeholder. Each capability's role constant is one of these
 * (tests/stack-file-broken.test.ts checks).
 */
export const IRSA_ROLE_NAMES = [
  "aws-load-balancer-controller",
  "cert-manager",
  "external-dns",
  "external-secrets",
  "karpenter",
  "pgbackrest",
  "thanos-compactor",
  "thanos-sidecar",
  "thanos-store-gateway",
  "velero",
] as const;
