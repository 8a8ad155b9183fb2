import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";

/** The unprivileged user and group Strata runs its own containers as (the distroless "nonroot" ids). */
export const NON_ROOT_ID = 65532;

/** Pod-level settings of the restricted Pod Security profile. */
export function restrictedPodSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: NON_ROOT_ID,
    runAsGroup: NON_ROOT_ID,
    fsGroup: NON_ROOT_ID,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Container-level settings of the restricted profile, plus a read-only root filesystem. */
export function restrictedContainerSecurityContext(): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
