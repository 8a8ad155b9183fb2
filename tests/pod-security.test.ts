import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../layers/kubernetes-object";
import { allContainers, applicationObjects, describeObject, podTemplates, type PodTemplate } from "./graph-support";
import { objectsOfKind, stackRun, STACKS } from "./harness";

/** Volume sources the restricted Pod Security Standard allows. */
const ALLOWED_VOLUME_SOURCES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);
const ALLOWED_CAPABILITY_ADDS = new Set(["NET_BIND_SERVICE"]);
const ALLOWED_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);

async function templatesOf(stack: string): Promise<{ objects: KubernetesObject[]; templates: PodTemplate[] }> {
  const run = await stackRun(stack);
  const objects = applicationObjects(run);
  const templates = podTemplates(objects);
  // Every default layer has a workload: the checks below must have something to check.
  assert.equal(templates.length, objectsOfKind(objects, "Namespace").length, "one pod template per layer");
  return { objects, templates };
}

/** Problems of one pod template against the restricted Pod Security Standard (v1.34). */
function restrictedViolations(t: PodTemplate): string[] {
  const problems: string[] = [];
  const pod = t.spec;
  const podSc = pod.securityContext ?? {};
  for (const field of ["hostNetwork", "hostPID", "hostIPC"] as const) if (pod[field] === true) problems.push(`pod ${field}`);
  if (podSc.runAsUser === 0) problems.push("pod runAsUser 0");
  if (podSc.seccompProfile && !ALLOWED_SECCOMP.has(podSc.seccompProfile.type)) problems.push(`pod seccomp ${podSc.seccompProfile.type}`);
  if (podSc.sysctls?.length) problems.push("pod sysctls");
  if (podSc.seLinuxOptions?.user || podSc.seLinuxOptions?.role) problems.push("pod seLinux user/role");
  for (const volume of pod.volumes ?? []) {
    const sources = Object.keys(volume).filter((k) => k !== "name");
    if (sources.length !== 1 || !ALLOWED_VOLUME_SOURCES.has(sources[0])) problems.push(`volume ${volume.name}: ${sources.join(",")}`);
  }
  const containers = allContainers(pod);
  if (containers.length === 0) problems.push("no containers");
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const at = `container ${c.name}`;
    const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (runAsNonRoot !== true) problems.push(`${at}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) problems.push(`${at}: runAsUser 0`);
    const user = sc.runAsUser ?? podSc.runAsUser;
    if (user === undefined || user === 0) problems.push(`${at}: no non-zero runAsUser`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (sc.privileged === true) problems.push(`${at}: privileged`);
    if (sc.procMount && sc.procMount !== "Default") problems.push(`${at}: procMount ${sc.procMount}`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) problems.push(`${at}: capabilities do not drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (!ALLOWED_CAPABILITY_ADDS.has(cap)) problems.push(`${at}: adds capability ${cap}`);
    const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
    if (!ALLOWED_SECCOMP.has(seccomp)) problems.push(`${at}: seccomp ${seccomp}`);
    if (sc.seLinuxOptions?.user || sc.seLinuxOptions?.role) problems.push(`${at}: seLinux user/role`);
    for (const port of c.ports ?? []) if (port.hostPort !== undefined && port.hostPort !== 0) problems.push(`${at}: hostPort ${port.hostPort}`);
  }
  return problems;
}

function pinnedImage(image: string): boolean {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const lastSegment = image.split("/").pop() ?? "";
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag.length > 0 && tag !== "latest";
}

describe("pod security", () => {
  it("the restricted check is real: a root, privileged pod with hostPath fails it", () => {
    const bad: PodTemplate = {
      owner: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "bad" } },
      metadata: {},
      spec: {
        hostNetwork: true,
        volumes: [{ name: "host", hostPath: { path: "/" } }],
        containers: [{ name: "c", image: "x:1", securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ["SYS_ADMIN"] } } }],
      },
    };
    const problems = restrictedViolations(bad);
    for (const expected of ["pod hostNetwork", "volume host: hostPath", "container c: privileged", "container c: runAsUser 0", "container c: adds capability SYS_ADMIN"]) {
      assert.ok(problems.includes(expected), `missing "${expected}" in ${JSON.stringify(problems)}`);
    }
    assert.equal(pinnedImage("nginx"), false);
    assert.equal(pinnedImage("nginx:latest"), false);
    assert.equal(pinnedImage("registry:5000/nginx"), false);
    assert.equal(pinnedImage("registry:5000/nginx:1.27"), true);
  });

  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: every container of every pod template meets the restricted Pod Security Standard`, async () => {
        const { templates } = await templatesOf(stack);
        for (const t of templates) assert.deepEqual(restrictedViolations(t), [], describeObject(t.owner));
      });

      it(`${stack}: containers have a read-only root filesystem with an emptyDir at /tmp`, async () => {
        const { templates } = await templatesOf(stack);
        for (const t of templates) {
          const volumes = new Map<string, any>((t.spec.volumes ?? []).map((v: any) => [v.name, v]));
          for (const c of allContainers(t.spec)) {
            const at = `${describeObject(t.owner)} container ${c.name}`;
            assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${at}: root filesystem is writable`);
            const tmp = (c.volumeMounts ?? []).filter((m: any) => m.mountPath === "/tmp");
            assert.equal(tmp.length, 1, `${at}: no /tmp mount`);
            assert.notEqual(tmp[0].readOnly, true, `${at}: /tmp is read-only`);
            const volume = volumes.get(tmp[0].name);
            assert.ok(volume?.emptyDir, `${at}: /tmp is not an emptyDir`);
          }
        }
      });

      it(`${stack}: containers request cpu and memory, limit memory, pin their image and have liveness and readiness probes`, async () => {
        const { templates } = await templatesOf(stack);
        for (const t of templates) {
          for (const c of allContainers(t.spec)) {
            const at = `${describeObject(t.owner)} container ${c.name}`;
            assert.ok(c.resources?.requests?.cpu, `${at}: no cpu request`);
            assert.ok(c.resources?.requests?.memory, `${at}: no memory request`);
            assert.ok(c.resources?.limits?.memory, `${at}: no memory limit`);
            assert.ok(pinnedImage(c.image), `${at}: image ${c.image} is not pinned`);
            assert.ok(c.livenessProbe, `${at}: no liveness probe`);
            assert.ok(c.readinessProbe, `${at}: no readiness probe`);
            // A named probe port must be one of the container's ports.
            for (const probe of [c.livenessProbe, c.readinessProbe]) {
              const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
              if (typeof port === "string") assert.ok((c.ports ?? []).some((p: any) => p.name === port), `${at}: probe port ${port} is not a container port`);
            }
          }
        }
      });

      it(`${stack}: service account tokens are not mounted (ServiceAccount and pod spec)`, async () => {
        const { objects, templates } = await templatesOf(stack);
        for (const t of templates) {
          const at = describeObject(t.owner);
          assert.equal(t.spec.automountServiceAccountToken, false, `${at}: pod spec mounts the token`);
          const name = t.spec.serviceAccountName;
          assert.ok(name && name !== "default", `${at}: runs as the default service account`);
          const accounts = objectsOfKind(objects, "ServiceAccount").filter((a) => a.metadata.namespace === t.owner.metadata.namespace && a.metadata.name === name);
          assert.equal(accounts.length, 1, `${at}: service account ${name} is not registered`);
          assert.equal((accounts[0] as any).automountServiceAccountToken, false, `${at}: ServiceAccount ${name} mounts the token`);
        }
        for (const account of objectsOfKind(objects, "ServiceAccount")) {
          assert.equal((account as any).automountServiceAccountToken, false, describeObject(account));
        }
      });
    });
  }
});
