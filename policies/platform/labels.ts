/** Label and annotation keys Strata puts on what it creates. Defined here once; everything else imports them. */
export const labelKeys = {
  /** The application layer an object belongs to. */
  layer: "strata.io/layer",
  /** The tenant a per-tenant layer's copy belongs to (absent on shared layers). */
  tenant: "strata.io/tenant",
  /** The node pool (capacity class) a node belongs to; workloads select it. */
  nodePool: "strata.io/node-pool",
  /** Set by Kubernetes on every namespace; network policies select namespaces by it. */
  namespaceName: "kubernetes.io/metadata.name",
  name: "app.kubernetes.io/name",
  /** The Helm release a chart's pods belong to (charts select their pods by it and by `name`). */
  instance: "app.kubernetes.io/instance",
  component: "app.kubernetes.io/component",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
} as const;

export const podSecurityLabelKeys = {
  enforce: "pod-security.kubernetes.io/enforce",
  enforceVersion: "pod-security.kubernetes.io/enforce-version",
  audit: "pod-security.kubernetes.io/audit",
  auditVersion: "pod-security.kubernetes.io/audit-version",
  warn: "pod-security.kubernetes.io/warn",
  warnVersion: "pod-security.kubernetes.io/warn-version",
} as const;

export const PART_OF = "strata";
export const MANAGED_BY = "strata";

/** Labels common to every object of one application layer. */
export function layerLabels(layer: string): Record<string, string> {
  return {
    [labelKeys.layer]: layer,
    [labelKeys.partOf]: PART_OF,
    [labelKeys.managedBy]: MANAGED_BY,
  };
}

/** The labels that select one layer's pods (stable: a Deployment's selector is immutable). */
export function layerSelector(layer: string): Record<string, string> {
  return { [labelKeys.name]: layer, [labelKeys.layer]: layer };
}
