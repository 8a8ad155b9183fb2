import {
  appArmorProfile, capabilitiesBaseline, hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle, hostProcess,
  privileged, procMount, seccompProfileBaseline, seLinuxOptions, sysctls,
} from "../policies/pod-security";
import { container, describeRule } from "./pod-security-support";

/** Each baseline rule: compliant pods, and one failing pod per violation branch with its exact message. */

describe("Pod Security baseline rules", () => {
  describeRule(hostProcess, [
    { title: "hostProcess false or unset", spec: { securityContext: { windowsOptions: { hostProcess: false } }, containers: [container("app")] }, messages: [] },
    { title: "a HostProcess pod", spec: { securityContext: { windowsOptions: { hostProcess: true } }, containers: [container("app")] }, messages: ["pod must not set securityContext.windowsOptions.hostProcess=true"] },
    {
      title: "a HostProcess init container",
      spec: { initContainers: [container("setup", { windowsOptions: { hostProcess: true } })], containers: [container("app")] },
      messages: ['init container "setup" must not set securityContext.windowsOptions.hostProcess=true'],
    },
  ]);

  describeRule(hostNamespaces, [
    { title: "host namespaces false", spec: { hostNetwork: false, hostPID: false, hostIPC: false, containers: [container("app")] }, messages: [] },
    { title: "hostNetwork", spec: { hostNetwork: true, containers: [container("app")] }, messages: ["pod must not set hostNetwork=true"] },
    { title: "hostPID", spec: { hostPID: true, containers: [container("app")] }, messages: ["pod must not set hostPID=true"] },
    { title: "hostIPC", spec: { hostIPC: true, containers: [container("app")] }, messages: ["pod must not set hostIPC=true"] },
  ]);

  describeRule(privileged, [
    { title: "privileged false", spec: { containers: [container("app", { privileged: false })] }, messages: [] },
    { title: "a privileged container", spec: { containers: [container("app", { privileged: true })] }, messages: ['container "app" must not set securityContext.privileged=true'] },
    {
      title: "a privileged ephemeral container",
      spec: { containers: [container("app")], ephemeralContainers: [{ name: "debug", image: "busybox:1.36", securityContext: { privileged: true } }] },
      messages: ['ephemeral container "debug" must not set securityContext.privileged=true'],
    },
  ]);

  describeRule(capabilitiesBaseline, [
    { title: "adding capabilities of the default set", spec: { containers: [container("app", { capabilities: { add: ["CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT"], drop: ["NET_RAW"] } })] }, messages: [] },
    {
      title: "adding NET_RAW and SYS_ADMIN",
      spec: { containers: [container("app", { capabilities: { add: ["CHOWN", "NET_RAW", "SYS_ADMIN"] } })] },
      messages: ['container "app" must not add "NET_RAW", "SYS_ADMIN" to securityContext.capabilities.add (baseline allows only the runtime\'s default set)'],
    },
    {
      title: "a capability name in another spelling (the kubelet matches exactly)",
      spec: { containers: [container("app", { capabilities: { add: ["CAP_CHOWN"] } })] },
      messages: ['container "app" must not add "CAP_CHOWN" to securityContext.capabilities.add (baseline allows only the runtime\'s default set)'],
    },
  ]);

  describeRule(hostPathVolumes, [
    { title: "emptyDir and configMap volumes", spec: { containers: [container("app")], volumes: [{ name: "tmp", emptyDir: {} }, { name: "cfg", configMap: { name: "c" } }] }, messages: [] },
    { title: "a hostPath volume", spec: { containers: [container("app")], volumes: [{ name: "root", hostPath: { path: "/" } }] }, messages: ['volume "root" must not be a hostPath volume'] },
  ]);

  describeRule(hostPorts, [
    { title: "container ports without host ports (or hostPort 0)", spec: { containers: [container("app", undefined, { ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 0 }] })] }, messages: [] },
    {
      title: "host ports",
      spec: { containers: [container("app", undefined, { ports: [{ containerPort: 8080, hostPort: 80 }, { containerPort: 8443, hostPort: 443 }] })] },
      messages: ['container "app" must not set ports[].hostPort (uses 80, 443)'],
    },
  ]);

  describeRule(appArmorProfile, [
    {
      title: "RuntimeDefault and Localhost profiles, allowed annotations",
      spec: { securityContext: { appArmorProfile: { type: "RuntimeDefault" } }, containers: [container("app", { appArmorProfile: { type: "Localhost", localhostProfile: "k8s-app" } })] },
      metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-app", "container.apparmor.security.beta.kubernetes.io/side": "runtime/default", "other.example.com/x": "unconfined" } },
      messages: [],
    },
    {
      title: "an Unconfined pod profile",
      spec: { securityContext: { appArmorProfile: { type: "Unconfined" } }, containers: [container("app")] },
      messages: ['pod must not set securityContext.appArmorProfile.type to "Unconfined" (allowed: "RuntimeDefault", "Localhost")'],
    },
    {
      title: "an Unconfined container profile",
      spec: { containers: [container("app", { appArmorProfile: { type: "Unconfined" } })] },
      messages: ['container "app" must not set securityContext.appArmorProfile.type to "Unconfined" (allowed: "RuntimeDefault", "Localhost")'],
    },
    {
      title: "an unconfined annotation",
      spec: { containers: [container("app")] },
      metadata: { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } },
      messages: ['annotation container.apparmor.security.beta.kubernetes.io/app="unconfined" is forbidden (allowed: "runtime/default", "localhost/<profile>")'],
    },
  ]);

  describeRule(seLinuxOptions, [
    { title: "container types and a level", spec: { securityContext: { seLinuxOptions: { type: "container_t", level: "s0:c1,c2" } }, containers: [container("app", { seLinuxOptions: { type: "container_init_t" } })] }, messages: [] },
    { title: "container_engine_t from v1.31", spec: { containers: [container("app", { seLinuxOptions: { type: "container_engine_t" } })] }, version: "v1.31", messages: [] },
    {
      title: "container_engine_t before v1.31",
      spec: { containers: [container("app", { seLinuxOptions: { type: "container_engine_t" } })] },
      version: "v1.30",
      messages: ['container "app" must not set securityContext.seLinuxOptions.type to "container_engine_t"'],
    },
    { title: "another type on the pod", spec: { securityContext: { seLinuxOptions: { type: "spc_t" } }, containers: [container("app")] }, messages: ['pod must not set securityContext.seLinuxOptions.type to "spc_t"'] },
    { title: "a user", spec: { containers: [container("app", { seLinuxOptions: { user: "system_u" } })] }, messages: ['container "app" must not set securityContext.seLinuxOptions.user ("system_u")'] },
    {
      title: "a role and a type at once",
      spec: { initContainers: [container("setup", { seLinuxOptions: { role: "sysadm_r", type: "unconfined_t" } })], containers: [container("app")] },
      messages: ['init container "setup" must not set securityContext.seLinuxOptions.type to "unconfined_t", nor seLinuxOptions.role ("sysadm_r")'],
    },
  ]);

  describeRule(procMount, [
    { title: "procMount Default", spec: { containers: [container("app", { procMount: "Default" })] }, messages: [] },
    { title: "Unmasked in a user namespace from v1.35", spec: { hostUsers: false, containers: [container("app", { procMount: "Unmasked" })] }, version: "v1.35", messages: [] },
    { title: "Unmasked", spec: { containers: [container("app", { procMount: "Unmasked" })] }, messages: ['container "app" must not set securityContext.procMount to "Unmasked"'] },
    {
      title: "Unmasked in a user namespace before v1.35",
      spec: { hostUsers: false, containers: [container("app", { procMount: "Unmasked" })] },
      version: "v1.34",
      messages: ['container "app" must not set securityContext.procMount to "Unmasked"'],
    },
  ]);

  describeRule(seccompProfileBaseline, [
    { title: "RuntimeDefault, Localhost or unset", spec: { securityContext: { seccompProfile: { type: "RuntimeDefault" } }, containers: [container("app", { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } }), container("side")] }, messages: [] },
    { title: "an Unconfined pod", spec: { securityContext: { seccompProfile: { type: "Unconfined" } }, containers: [container("app")] }, messages: ['pod must not set securityContext.seccompProfile.type to "Unconfined"'] },
    { title: "an Unconfined container", spec: { containers: [container("app", { seccompProfile: { type: "Unconfined" } })] }, messages: ['container "app" must not set securityContext.seccompProfile.type to "Unconfined"'] },
    {
      title: "the unconfined annotation before v1.19 (annotations were the API then)",
      spec: { containers: [container("app")] },
      metadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined", "container.seccomp.security.alpha.kubernetes.io/app": "docker/default" } },
      version: "v1.18",
      messages: ['annotation seccomp.security.alpha.kubernetes.io/pod="unconfined" is forbidden (allowed: "runtime/default", "docker/default", "localhost/<profile>")'],
    },
  ]);

  describeRule(sysctls, [
    { title: "the original safe sysctls", spec: { securityContext: { sysctls: [{ name: "kernel.shm_rmid_forced", value: "1" }, { name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] }, containers: [container("app")] }, version: "v1.0", messages: [] },
    { title: "ip_local_reserved_ports from v1.27", spec: { securityContext: { sysctls: [{ name: "net.ipv4.ip_local_reserved_ports", value: "8080" }] }, containers: [container("app")] }, version: "v1.27", messages: [] },
    { title: "the keepalive sysctls from v1.29", spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_keepalive_time", value: "60" }, { name: "net.ipv4.tcp_fin_timeout", value: "30" }] }, containers: [container("app")] }, version: "v1.29", messages: [] },
    { title: "tcp_slow_start_after_idle and tcp_notsent_lowat from v1.37", spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_slow_start_after_idle", value: "0" }, { name: "net.ipv4.tcp_notsent_lowat", value: "16384" }] }, containers: [container("app")] }, version: "v1.37", messages: [] },
    { title: "tcp_slow_start_after_idle and tcp_notsent_lowat at latest", spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_slow_start_after_idle", value: "0" }, { name: "net.ipv4.tcp_notsent_lowat", value: "16384" }] }, containers: [container("app")] }, version: "latest", messages: [] },
    {
      title: "tcp_slow_start_after_idle and tcp_notsent_lowat before v1.37",
      spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_slow_start_after_idle", value: "0" }, { name: "net.ipv4.tcp_notsent_lowat", value: "16384" }] }, containers: [container("app")] },
      version: "v1.36",
      messages: ['pod must not set securityContext.sysctls "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat" (not in the safe set of v1.36)'],
    },
    { title: "tcp_rmem and tcp_wmem from v1.32", spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_rmem", value: "4096 87380 16777216" }, { name: "net.ipv4.tcp_wmem", value: "4096 65536 16777216" }] }, containers: [container("app")] }, version: "v1.32", messages: [] },
    {
      title: "ip_local_reserved_ports before v1.27",
      spec: { securityContext: { sysctls: [{ name: "net.ipv4.ip_local_reserved_ports", value: "8080" }] }, containers: [container("app")] },
      version: "v1.26",
      messages: ['pod must not set securityContext.sysctls "net.ipv4.ip_local_reserved_ports" (not in the safe set of v1.26)'],
    },
    {
      title: "tcp_rmem before v1.32",
      spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_rmem", value: "4096 87380 16777216" }] }, containers: [container("app")] },
      version: "v1.31",
      messages: ['pod must not set securityContext.sysctls "net.ipv4.tcp_rmem" (not in the safe set of v1.31)'],
    },
    {
      title: "node-wide sysctls",
      spec: { securityContext: { sysctls: [{ name: "kernel.msgmax", value: "65536" }, { name: "net.core.somaxconn", value: "1024" }] }, containers: [container("app")] },
      messages: ['pod must not set securityContext.sysctls "kernel.msgmax", "net.core.somaxconn" (not in the safe set of latest)'],
    },
  ]);

  const probeHost = (host: string) => ({ httpGet: { path: "/healthz", port: 8080, host } });
  describeRule(hostProbesAndHostLifecycle, [
    { title: "probes and hooks on the pod's own address", spec: { containers: [container("app", undefined, { livenessProbe: { httpGet: { path: "/healthz", port: 8080, host: "" } }, readinessProbe: { tcpSocket: { port: 8080 } } })] }, messages: [] },
    { title: "a probe host before v1.34 (not checked then)", spec: { containers: [container("app", undefined, { livenessProbe: probeHost("10.0.0.1") })] }, version: "v1.33", messages: [] },
    { title: "a liveness probe host", spec: { containers: [container("app", undefined, { livenessProbe: probeHost("10.0.0.1") })] }, version: "v1.34", messages: ['container "app" must not set livenessProbe.httpGet.host ("10.0.0.1")'] },
    { title: "a readiness tcpSocket host", spec: { containers: [container("app", undefined, { readinessProbe: { tcpSocket: { port: 5432, host: "db" } } })] }, messages: ['container "app" must not set readinessProbe.tcpSocket.host ("db")'] },
    { title: "a startup probe host", spec: { initContainers: [container("side", undefined, { startupProbe: probeHost("metadata") })], containers: [container("app")] }, messages: ['init container "side" must not set startupProbe.httpGet.host ("metadata")'] },
    { title: "a postStart hook host", spec: { containers: [container("app", undefined, { lifecycle: { postStart: probeHost("169.254.169.254") } })] }, messages: ['container "app" must not set lifecycle.postStart.httpGet.host ("169.254.169.254")'] },
    {
      title: "a preStop tcpSocket host (a deprecated handler, still checked)",
      spec: { containers: [container("app", undefined, { lifecycle: { preStop: { tcpSocket: { port: 22, host: "node" } } } })] },
      messages: ['container "app" must not set lifecycle.preStop.tcpSocket.host ("node")'],
    },
  ]);
});
