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
