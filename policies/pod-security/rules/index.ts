import type { PodSecurityRule } from "../rule";
import { allowPrivilegeEscalation } from "./allow-privilege-escalation";
import { appArmorProfile } from "./app-armor-profile";
import { capabilitiesBaseline } from "./capabilities-baseline";
import { capabilitiesRestricted } from "./capabilities-restricted";
import { hostNamespaces } from "./host-namespaces";
import { hostPathVolumes } from "./host-path-volumes";
import { hostPorts } from "./host-ports";
import { hostProbesAndHostLifecycle } from "./host-probes-and-host-lifecycle";
import { hostProcess } from "./host-process";
import { privileged } from "./privileged";
import { procMount } from "./proc-mount";
import { procMountRestricted } from "./proc-mount-restricted";
import { restrictedVolumes } from "./restricted-volumes";
import { runAsNonRoot } from "./run-as-non-root";
import { runAsUser } from "./run-as-user";
import { seLinuxOptions } from "./se-linux-options";
import { seccompProfileBaseline } from "./seccomp-profile-baseline";
import { seccompProfileRestricted } from "./seccomp-profile-restricted";
import { sysctls } from "./sysctls";

/** Every Pod Security rule, baseline first, in the order of the conformance README's table. */
export const POD_SECURITY_RULES: readonly PodSecurityRule[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  hostProbesAndHostLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];

export {
  allowPrivilegeEscalation, appArmorProfile, capabilitiesBaseline, capabilitiesRestricted, hostNamespaces, hostPathVolumes, hostPorts,
  hostProbesAndHostLifecycle, hostProcess, privileged, procMount, procMountRestricted, restrictedVolumes, runAsNonRoot, runAsUser,
  seLinuxOptions, seccompProfileBaseline, seccompProfileRestricted, sysctls,
};
