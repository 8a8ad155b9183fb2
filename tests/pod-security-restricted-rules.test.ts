import {
  allowPrivilegeEscalation, capabilitiesRestricted, procMountRestricted, restrictedVolumes, runAsNonRoot, runAsUser, seccompProfileRestricted,
} from "../policies/pod-security";
import { container, describeRule, restrictedPodSpec } from "./pod-security-support";

/** Each restricted rule: compliant pods, and one failing pod per violation branch with its exact message. */

const windows = { os: { name: "windows" } };

describe("Pod Security restricted rules", () => {
  const allowed = "configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret";
  describeRule(restrictedVolumes, [
    {
      title: "every allowed volume type, and a volume with no source (the API defaults it to emptyDir)",
      spec: restrictedPodSpec({
        volumes: [
          { name: "implicit" }, { name: "tmp", emptyDir: {} }, { name: "cfg", configMap: { name: "c" } }, { name: "s", secret: { secretName: "s" } },
          { name: "data", persistentVolumeClaim: { claimName: "d" } }, { name: "info", downwardAPI: {} }, { name: "token", projected: { sources: [] } },
          { name: "csi", csi: { driver: "secrets-store.csi.k8s.io" } }, { name: "scratch", ephemeral: {} },
          { name: "model", image: { reference: "registry.example.com/model:1" } },
        ],
      }),
      messages: [],
    },
    { title: "an nfs volume", spec: restrictedPodSpec({ volumes: [{ name: "share", nfs: { server: "nfs", path: "/" } }] }), messages: [`volume "share" must not use the restricted volume type "nfs" (allowed: ${allowed})`] },
    { title: "a hostPath volume", spec: restrictedPodSpec({ volumes: [{ name: "root", hostPath: { path: "/" } }] }), messages: [`volume "root" must not use the restricted volume type "hostPath" (allowed: ${allowed})`] },
  ]);

  describeRule(allowPrivilegeEscalation, [
    { title: "allowPrivilegeEscalation false everywhere", spec: restrictedPodSpec(), messages: [] },
    { title: "a Windows pod from v1.25", spec: { ...windows, containers: [container("app")] }, version: "v1.25", messages: [] },
    { title: "unset (the default is true)", spec: restrictedPodSpec({ containers: [container("app")] }), messages: ['container "app" must set securityContext.allowPrivilegeEscalation=false'] },
    { title: "true on an init container", spec: restrictedPodSpec({ initContainers: [container("setup", { allowPrivilegeEscalation: true })] }), messages: ['init container "setup" must set securityContext.allowPrivilegeEscalation=false'] },
    { title: "a Windows pod before v1.25", spec: { ...windows, containers: [container("app")] }, version: "v1.24", messages: ['container "app" must set securityContext.allowPrivilegeEscalation=false'] },
  ]);

  describeRule(runAsNonRoot, [
    { title: "runAsNonRoot on the pod", spec: restrictedPodSpec(), messages: [] },
    { title: "runAsNonRoot on every container", spec: { containers: [container("a", { runAsNonRoot: true }), container("b", { runAsNonRoot: true })] }, messages: [] },
    { title: "a pod in a user namespace from v1.35", spec: { hostUsers: false, containers: [container("app")] }, version: "v1.35", messages: [] },
    { title: "unset on pod and container", spec: { containers: [container("app")] }, messages: ['pod or container "app" must set securityContext.runAsNonRoot=true'] },
    { title: "a pod in a user namespace before v1.35", spec: { hostUsers: false, containers: [container("app")] }, version: "v1.34", messages: ['pod or container "app" must set securityContext.runAsNonRoot=true'] },
    { title: "false on the pod", spec: { securityContext: { runAsNonRoot: false }, containers: [container("app", { runAsNonRoot: true })] }, messages: ["pod must not set securityContext.runAsNonRoot=false"] },
    { title: "false on a container despite the pod", spec: restrictedPodSpec({ containers: [container("app", { runAsNonRoot: false })] }), messages: ['container "app" must not set securityContext.runAsNonRoot=false'] },
  ]);

  describeRule(runAsUser, [
    { title: "non-zero or unset users", spec: { securityContext: { runAsUser: 65532 }, containers: [container("app", { runAsUser: 1000 }), container("side")] }, messages: [] },
    { title: "root before v1.23 (not checked then)", spec: { securityContext: { runAsUser: 0 }, containers: [container("app")] }, version: "v1.22", messages: [] },
    { title: "root in a user namespace from v1.35", spec: { hostUsers: false, securityContext: { runAsUser: 0 }, containers: [container("app")] }, version: "v1.35", messages: [] },
    { title: "root on the pod", spec: { securityContext: { runAsUser: 0 }, containers: [container("app")] }, messages: ["pod must not set securityContext.runAsUser=0"] },
    { title: "root on a container", spec: { containers: [container("app", { runAsUser: 0 })] }, version: "v1.23", messages: ['container "app" must not set securityContext.runAsUser=0'] },
  ]);

  describeRule(seccompProfileRestricted, [
    { title: "RuntimeDefault on the pod", spec: restrictedPodSpec(), messages: [] },
    { title: "Localhost on every container", spec: { containers: [container("app", { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } })] }, messages: [] },
    { title: "a Windows pod from v1.25", spec: { ...windows, containers: [container("app")] }, version: "v1.25", messages: [] },
    { title: "unset", spec: { containers: [container("app")] }, messages: ['pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'] },
    {
      title: "Unconfined on the pod",
      spec: { securityContext: { seccompProfile: { type: "Unconfined" } }, containers: [container("app")] },
      messages: ['pod must not set securityContext.seccompProfile.type to "Unconfined"', 'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'],
    },
    {
      title: "Unconfined on a container despite the pod",
      spec: restrictedPodSpec({ containers: [container("app", { seccompProfile: { type: "Unconfined" } })] }),
      messages: ['container "app" must not set securityContext.seccompProfile.type to "Unconfined"'],
    },
  ]);

  describeRule(capabilitiesRestricted, [
    { title: "drop ALL, add NET_BIND_SERVICE", spec: { containers: [container("app", { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } })] }, messages: [] },
    { title: "no drop before v1.22 (not checked then)", spec: { containers: [container("app")] }, version: "v1.21", messages: [] },
    { title: "a Windows pod from v1.25", spec: { ...windows, containers: [container("app")] }, version: "v1.25", messages: [] },
    { title: "no capabilities at all", spec: { containers: [container("app")] }, messages: ['container "app" must set securityContext.capabilities.drop=["ALL"]'] },
    {
      title: "dropping only some",
      spec: { containers: [container("app", { capabilities: { drop: ["NET_RAW", "SYS_ADMIN"] } })] },
      messages: ['container "app" must set securityContext.capabilities.drop=["ALL"]'],
    },
    {
      title: "adding back CHOWN after dropping ALL",
      spec: { containers: [container("app", { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE", "CHOWN"] } })] },
      messages: ['container "app" must not add "CHOWN" to securityContext.capabilities.add (only "NET_BIND_SERVICE" is allowed)'],
    },
  ]);

  describeRule(procMountRestricted, [
    { title: "procMount Default in a user namespace", spec: { hostUsers: false, containers: [container("app", { procMount: "Default" })] }, messages: [] },
    { title: "Unmasked before v1.35 (pss-proc-mount covers it)", spec: { containers: [container("app", { procMount: "Unmasked" })] }, version: "v1.34", messages: [] },
    {
      title: "Unmasked, even in a user namespace",
      spec: { hostUsers: false, containers: [container("app", { procMount: "Unmasked" })] },
      version: "v1.35",
      messages: ['container "app" must not set securityContext.procMount to "Unmasked"'],
    },
  ]);
});
