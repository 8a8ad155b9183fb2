import type { PodPatch } from "./pod-kinds";

/**
 * One violation per Pod Security control (per rule of the pack), as a patch of a restricted pod. `patch`
 * takes the offending value, so that the same case can be built with it unknown until apply: the value is
 * the one field the verdict rests on.
 */
export interface PodSecurityControl {
  rule: string;
  /** The offending value. */
  bad: unknown;
  patch(value: unknown): PodPatch;
  /**
   * The verdict with that value unknown: undetermined, unless the violation does not rest on the value
   * (a volume's source is its key: an nfs volume is one whatever its server).
   */
  withUnknown: "undetermined" | "violation";
}

export const POD_SECURITY_CONTROLS: readonly PodSecurityControl[] = [
  { rule: "pss-host-process", bad: true, patch: (v) => ({ containerSecurityContext: { windowsOptions: { hostProcess: v } } }), withUnknown: "undetermined" },
  { rule: "pss-host-namespaces", bad: true, patch: (v) => ({ pod: { hostNetwork: v } }), withUnknown: "undetermined" },
  { rule: "pss-privileged", bad: true, patch: (v) => ({ containerSecurityContext: { privileged: v } }), withUnknown: "undetermined" },
  { rule: "pss-capabilities-baseline", bad: "SYS_ADMIN", patch: (v) => ({ containerSecurityContext: { capabilities: { drop: ["ALL"], add: [v] } } }), withUnknown: "undetermined" },
  { rule: "pss-host-path-volumes", bad: { path: "/" }, patch: (v) => ({ pod: { volumes: [{ name: "host", hostPath: v }] } }), withUnknown: "undetermined" },
  { rule: "pss-host-ports", bad: 8080, patch: (v) => ({ container: { ports: [{ containerPort: 8080, hostPort: v }] } }), withUnknown: "undetermined" },
  { rule: "pss-app-armor-profile", bad: "Unconfined", patch: (v) => ({ containerSecurityContext: { appArmorProfile: { type: v } } }), withUnknown: "undetermined" },
  { rule: "pss-se-linux-options", bad: "spc_t", patch: (v) => ({ containerSecurityContext: { seLinuxOptions: { type: v } } }), withUnknown: "undetermined" },
  { rule: "pss-proc-mount", bad: "Unmasked", patch: (v) => ({ containerSecurityContext: { procMount: v } }), withUnknown: "undetermined" },
  { rule: "pss-seccomp-profile-baseline", bad: "Unconfined", patch: (v) => ({ containerSecurityContext: { seccompProfile: { type: v } } }), withUnknown: "undetermined" },
  { rule: "pss-sysctls", bad: "kernel.msgmax", patch: (v) => ({ podSecurityContext: { sysctls: [{ name: v, value: "65536" }] } }), withUnknown: "undetermined" },
  { rule: "pss-host-probes-and-host-lifecycle", bad: "169.254.169.254", patch: (v) => ({ container: { readinessProbe: { httpGet: { port: 8080, host: v } } } }), withUnknown: "undetermined" },
  { rule: "pss-restricted-volumes", bad: { server: "10.0.0.1", path: "/exports" }, patch: (v) => ({ pod: { volumes: [{ name: "nfs", nfs: v }] } }), withUnknown: "violation" },
  { rule: "pss-allow-privilege-escalation", bad: true, patch: (v) => ({ containerSecurityContext: { allowPrivilegeEscalation: v } }), withUnknown: "undetermined" },
  { rule: "pss-run-as-non-root", bad: false, patch: (v) => ({ containerSecurityContext: { runAsNonRoot: v } }), withUnknown: "undetermined" },
  { rule: "pss-run-as-user", bad: 0, patch: (v) => ({ containerSecurityContext: { runAsUser: v } }), withUnknown: "undetermined" },
  { rule: "pss-seccomp-profile-restricted", bad: "Unconfined", patch: (v) => ({ podSecurityContext: { seccompProfile: { type: v } } }), withUnknown: "undetermined" },
  { rule: "pss-capabilities-restricted", bad: "NET_RAW", patch: (v) => ({ containerSecurityContext: { capabilities: { drop: [v] } } }), withUnknown: "undetermined" },
  // From v1.35 baseline lets a pod in its own user namespace unmask /proc; restricted never does.
  { rule: "pss-proc-mount-restricted", bad: "Unmasked", patch: (v) => ({ containerSecurityContext: { procMount: v } }), withUnknown: "undetermined" },
];
