/**
 * Version pins that more than one part of Strata reads. Chart and image pins of each layer live with that
 * layer; this file holds only what is shared.
 */

/** The Kubernetes minor version Strata targets; Pod Security Admission labels pin their version to it. */
export const KUBERNETES_VERSION = "1.34";

/** The oldest Kubernetes minor version a Strata cluster may run (Strimzi 1.2 needs 1.30). */
export const MIN_KUBERNETES_VERSION = "1.30";

/** Pod Security Standards version label value for KUBERNETES_VERSION (e.g. "v1.34"). */
export const POD_SECURITY_VERSION = `v${KUBERNETES_VERSION}`;

/**
 * Operator releases whose CRDs custom resources are validated against, by API group, where a CRD
 * directory may hold more than one release (shared/crds has PGO v5 and v6): the validator takes the
 * definition from the directory named for this release (`v5.8.9`). The PGO layer deploys this release.
 */
export const CRD_RELEASES: Readonly<Record<string, string>> = {
  "postgres-operator.crunchydata.com": "5.8.9",
};
