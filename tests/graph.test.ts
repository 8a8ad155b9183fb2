import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../layers/kubernetes-object";
import {
  byUrn,
  isKubernetesResource,
  K8S_PROVIDER_TYPE,
  LAYER_TYPE,
  onlyOne,
  PLATFORM_TYPE,
  ROOT_TYPE,
  stackSpec,
} from "./graph-support";
import { stackRun, STACKS } from "./harness";

function objectOf(r: { inputs: Record<string, unknown> }): KubernetesObject {
  return r.inputs as unknown as KubernetesObject;
}

/** The type of a URN: the last segment of its qualified type (urn:pulumi:stack::project::qualified$type::name). */
function typeOfUrn(urn: string): string {
  return urn.split("::")[2].split("$").pop()!;
}

describe("resource graph", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: every Kubernetes resource's parent is its layer's ApplicationLayer, whose parent is the Platform`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        const spec = stackSpec(stack);
        const platform = onlyOne(run.resources.filter((r) => r.type === PLATFORM_TYPE), "Platform");
        assert.ok(platform.parent && typeOfUrn(platform.parent) === ROOT_TYPE, `the Platform's parent is ${platform.parent}`);
        const layers = run.resources.filter((r) => r.type === LAYER_TYPE);
        assert.deepEqual(layers.map((l) => l.name).sort(), spec.layers.map((l) => l.name).sort());
        for (const layer of layers) assert.equal(layer.parent, platform.urn, `${layer.name}'s parent`);
        const k8s = run.resources.filter(isKubernetesResource);
        assert.ok(k8s.length > 0);
        for (const r of k8s) {
          const parent = resources.get(r.parent ?? "");
          assert.ok(parent, `${r.urn} has no recorded parent (${r.parent})`);
          assert.equal(parent.type, LAYER_TYPE, `${r.urn}: parent is a ${parent.type}`);
          // The layer that owns the object: its namespace, or the Namespace itself.
          const o = objectOf(r);
          const owner = o.metadata.namespace ?? o.metadata.name;
          assert.equal(parent.name, owner, `${r.urn} is registered under layer ${parent.name}`);
          assert.equal(o.metadata.labels?.["strata.io/layer"], parent.name, `${r.urn}: layer label`);
        }
        // Every layer component registers its objects.
        for (const layer of layers) assert.ok(k8s.some((r) => r.parent === layer.urn), `${layer.name} registered nothing`);
      });

      it(`${stack}: every Kubernetes resource uses the one explicit kubernetes provider`, async () => {
        const run = await stackRun(stack);
        const provider = onlyOne(run.resources.filter((r) => r.type === K8S_PROVIDER_TYPE), "kubernetes provider");
        assert.ok(provider.custom);
        const k8s = run.resources.filter(isKubernetesResource);
        assert.ok(k8s.length > 50);
        for (const r of k8s) {
          assert.ok(r.provider, `${r.urn} uses the default provider`);
          assert.ok(r.provider.startsWith(`${provider.urn}::`), `${r.urn} uses provider ${r.provider}`);
        }
      });

      it(`${stack}: every namespaced object depends on its Namespace; Namespaces depend on nothing`, async () => {
        const run = await stackRun(stack);
        const k8s = run.resources.filter(isKubernetesResource);
        const namespaceUrn = new Map(k8s.filter((r) => objectOf(r).kind === "Namespace").map((r) => [objectOf(r).metadata.name, r.urn]));
        assert.equal(namespaceUrn.size, stackSpec(stack).layers.length);
        for (const r of k8s) {
          const o = objectOf(r);
          if (o.kind === "Namespace") {
            assert.deepEqual(r.dependsOn, [], `${r.urn} depends on something`);
            continue;
          }
          assert.ok(o.metadata.namespace, `${r.urn} is cluster-scoped`);
          const ns = namespaceUrn.get(o.metadata.namespace);
          assert.ok(ns, `${r.urn}: namespace ${o.metadata.namespace} is not registered`);
          assert.ok(r.dependsOn.includes(ns), `${r.urn} does not depend on Namespace ${o.metadata.namespace}`);
        }
      });

      it(`${stack}: each Deployment depends on the ServiceAccount its pods run as`, async () => {
        const run = await stackRun(stack);
        const k8s = run.resources.filter(isKubernetesResource);
        const deployments = k8s.filter((r) => objectOf(r).kind === "Deployment");
        assert.equal(deployments.length, stackSpec(stack).layers.length);
        for (const d of deployments) {
          const o = objectOf(d) as any;
          const account = onlyOne(
            k8s.filter((r) => objectOf(r).kind === "ServiceAccount" && objectOf(r).metadata.namespace === o.metadata.namespace && objectOf(r).metadata.name === o.spec.template.spec.serviceAccountName),
            `ServiceAccount of ${d.urn}`,
          );
          assert.ok(d.dependsOn.includes(account.urn), `${d.urn} does not depend on ${account.urn}`);
        }
      });

      it(`${stack}: no resource depends on another layer's resource, and every dependency is a recorded resource`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        let edges = 0;
        for (const r of run.resources.filter(isKubernetesResource)) {
          for (const dep of r.dependsOn) {
            const target = resources.get(dep);
            assert.ok(target, `${r.urn} depends on unrecorded ${dep}`);
            assert.equal(target.parent, r.parent, `${r.urn} (layer ${r.parent}) depends on ${dep} (layer ${target.parent})`);
            edges++;
          }
        }
        assert.ok(edges > 0);
        // Layer components themselves are independent of each other.
        for (const layer of run.resources.filter((r) => r.type === LAYER_TYPE)) assert.deepEqual(layer.dependsOn, [], layer.urn);
      });

      it(`${stack}: no two resources share a URN, and no two Kubernetes resources the same kind/namespace/name`, async () => {
        const run = await stackRun(stack);
        const urns = run.resources.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length, "duplicate URNs");
        const keys = run.resources.filter(isKubernetesResource).map((r) => {
          const o = objectOf(r);
          return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
        });
        assert.equal(new Set(keys).size, keys.length, "the same object is registered twice");
        for (const r of run.resources) assert.ok(r.urn.startsWith(`urn:pulumi:${stack}::strata::`), r.urn);
      });
    });
  }
});
