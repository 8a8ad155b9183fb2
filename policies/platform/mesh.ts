/**
 * How Istio marks what is in the mesh. Istio defines these labels; Strata's mesh layer sets them and the
 * mesh policies read them, from here.
 */
export const meshLabelKeys = {
  /** `enabled`: the sidecar injector adds a proxy to the namespace's pods. */
  injection: "istio-injection",
  /** A control-plane revision: injection by that revision. */
  revision: "istio.io/rev",
  /** `ambient`: the namespace's pods are in the ambient mesh (no sidecars). */
  dataplaneMode: "istio.io/dataplane-mode",
} as const;

/** Istio's API groups all end so (security.istio.io, networking.istio.io, …). */
export const ISTIO_API_GROUP_SUFFIX = ".istio.io";
export const ISTIO_SECURITY_API_GROUP = "security.istio.io";

/** Whether a namespace's labels put its pods in the mesh (sidecar injection or ambient). */
export function isMeshedNamespaceLabels(labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  return labels[meshLabelKeys.injection] === "enabled" || labels[meshLabelKeys.revision] !== undefined || labels[meshLabelKeys.dataplaneMode] === "ambient";
}
