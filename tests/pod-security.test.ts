import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { objectSubject } from "../policies/engine/subject";
import { supplyChainContainerResources } from "../policies/supply-chain/container-resources";
import { supplyChainPinnedImages } from "../policies/supply-chain/pinned-images";
import { allContainers, describeObject, podTemplates, stackSpec, type PodTemplate } from "./graph-support";
import { kubernetesObjects, objectsOfKind, stackRun, STACKS } from "./harness";

/**
 * What the stacks' pods do beyond the Pod Security rules (tests/pod-security-stacks.test.ts runs those, the
 * pack's own, on every pod template): read-only roots, probes, tokens, and the pack's supply-chain rules.
 */

async function templatesOf(stack: string): Promise<{ objects: KubernetesObject[]; templates: PodTemplate[] }> {
  const run = await stackRun(stack);
  // Every object Strata itself registers (the charts' pods are the charts', the operators' pods the operators').
  const objects = kubernetesObjects(run.resources);
  const templates = podTemplates(objects);
  // Every default layer has a workload (and Strata's own Thanos components theirs): the checks below must have something to check.
  const layers = stackSpec(stack).layers.map((l) => l.name);
  const namespaces = new Set(objectsOfKind(objects, "Deployment").map((d) => d.metadata.namespace));
  for (const layer of layers) assert.ok(namespaces.has(layer), `${layer} has no pod template`);
  assert.equal(templates.length, layers.length + 3, "one pod template per layer, and Thanos query, store gateway and compactor");
  return { objects, templates };
}

describe("pod security", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
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

      it(`${stack}: containers have liveness and readiness probes on their own ports`, async () => {
        const { templates } = await templatesOf(stack);
        for (const t of templates) {
          for (const c of allContainers(t.spec)) {
            const at = `${describeObject(t.owner)} container ${c.name}`;
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

      it(`${stack}: the pack's supply-chain rules find pinned images, requests and memory limits on every pod template`, async () => {
        const { objects, templates } = await templatesOf(stack);
        const owners = objects.filter((o) => templates.some((t) => t.owner === o));
        for (const rule of [supplyChainPinnedImages, supplyChainContainerResources]) {
          assert.deepEqual(owners.flatMap((o) => rule.checkSubject(objectSubject(o), { exemptions: [] })), [], rule.name);
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
