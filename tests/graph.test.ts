import { strict as assert } from "node:assert";
import { clusterKubernetesObjects } from "../capabilities/cluster/desired-state";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { RecordedResource } from "../offline/recorder";
import { objectKey } from "../manifests/kubernetes-object";
import { nodePools } from "../platform/placement";
import {
  byUrn,
  CLUSTER_TYPE,
  declaredStartupTargets,
  DATA_LAYER_TYPES,
  isApplicationLayerResource,
  isKubernetesResource,
  K8S_PROVIDER_TYPE,
  LAYER_TYPE,
  SERVICE_LAYER_TYPES,
  onlyOne,
  PLATFORM_TYPE,
  ROOT_TYPE,
  stackSpec,
} from "./graph-support";
import { HELM_RELEASE_TYPE, stackRun, STACKS } from "./harness";

const NODE_GROUP_TYPE = "aws:eks/nodeGroup:NodeGroup";

/** A Karpenter NodePool: the nodes of a pool Karpenter provisions. */
function isNodePool(r: RecordedResource): boolean {
  return (r.inputs as { kind?: string }).kind === "NodePool" && String((r.inputs as { apiVersion?: string }).apiVersion).startsWith("karpenter.sh/");
}

/** The labels a node group's, or a NodePool's, nodes carry. */
function nodeLabelsOf(r: RecordedResource): Record<string, string> {
  return isNodePool(r) ? (r.inputs as any).spec.template.metadata.labels : (r.inputs as { labels: Record<string, string> }).labels;
}
const POD_BEARING = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

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
      it(`${stack}: every Kubernetes resource's parent is its layer's ApplicationLayer (parent: the Platform), or the Cluster for exactly the cluster's own objects`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        const spec = stackSpec(stack);
        const platform = onlyOne(run.resources.filter((r) => r.type === PLATFORM_TYPE), "Platform");
        assert.ok(platform.parent && typeOfUrn(platform.parent) === ROOT_TYPE, `the Platform's parent is ${platform.parent}`);
        const layers = run.resources.filter((r) => r.type === LAYER_TYPE);
        assert.deepEqual(layers.map((l) => l.name).sort(), spec.layers.map((l) => l.name).sort());
        for (const layer of layers) assert.equal(layer.parent, platform.urn, `${layer.name}'s parent`);
        const cluster = onlyOne(run.resources.filter((r) => r.type === CLUSTER_TYPE), "Cluster");
        assert.equal(cluster.parent, platform.urn, "the Cluster's parent");
        // The data layers' resources hang under their own components (tests/data-graph.test.ts).
        const dataLayers = new Set(run.resources.filter((r) => (DATA_LAYER_TYPES as readonly string[]).includes(r.type)).map((r) => r.urn));
        const k8s = run.resources.filter((r) => isKubernetesResource(r) && !dataLayers.has(r.parent ?? ""));
        assert.ok(k8s.length > 0);
        // The cluster registers exactly its desired objects (the default StorageClass), nothing else.
        assert.equal(spec.cluster.mode, "eks");
        const clusterObjects = k8s.filter((r) => r.parent === cluster.urn).map((r) => objectKey(objectOf(r)));
        assert.deepEqual(clusterObjects.sort(), spec.cluster.mode === "eks" ? clusterKubernetesObjects(spec.cluster).map(objectKey).sort() : []);
        for (const r of k8s.filter((r) => r.parent !== cluster.urn)) {
          const parent = resources.get(r.parent ?? "");
          assert.ok(parent, `${r.urn} has no recorded parent (${r.parent})`);
          const o = objectOf(r);
          if (SERVICE_LAYER_TYPES[parent.type]) {
            // A service layer's objects carry its layer label, whatever namespace they are in.
            assert.equal(parent.parent, platform.urn, `${parent.urn}'s parent`);
            assert.equal(o.metadata.labels?.["strata.io/layer"], SERVICE_LAYER_TYPES[parent.type], `${r.urn}: layer label`);
            continue;
          }
          assert.equal(parent.type, LAYER_TYPE, `${r.urn}: parent is a ${parent.type}`);
          // The layer that owns the object: its namespace, or the Namespace itself.
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
        const layerUrns = new Set(run.resources.filter((r) => r.type === LAYER_TYPE).map((r) => r.urn));
        const k8s = run.resources.filter((r) => isKubernetesResource(r) && layerUrns.has(r.parent ?? ""));
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
        const layerUrns = new Set(run.resources.filter((r) => r.type === LAYER_TYPE).map((r) => r.urn));
        const deployments = k8s.filter((r) => objectOf(r).kind === "Deployment");
        assert.equal(deployments.filter((d) => layerUrns.has(d.parent ?? "")).length, stackSpec(stack).layers.length);
        for (const d of deployments) {
          const o = objectOf(d) as any;
          const account = onlyOne(
            k8s.filter((r) => objectOf(r).kind === "ServiceAccount" && objectOf(r).metadata.namespace === o.metadata.namespace && objectOf(r).metadata.name === o.spec.template.spec.serviceAccountName),
            `ServiceAccount of ${d.urn}`,
          );
          assert.ok(d.dependsOn.includes(account.urn), `${d.urn} does not depend on ${account.urn}`);
        }
      });

      it(`${stack}: no resource depends on another layer's resource but what its dependsOn declares (workloads: only on their own pool's node groups), and every dependency is a recorded resource`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        const declared = new Map(stackSpec(stack).layers.map((l) => [l.name, declaredStartupTargets(run, l)]));
        let edges = 0;
        let nodeEdges = 0;
        // Application layers here; the data layers' dependencies are tested in tests/data-graph.test.ts.
        for (const r of run.resources.filter((r) => isApplicationLayerResource(run, r))) {
          for (const dep of r.dependsOn) {
            const target = resources.get(dep);
            assert.ok(target, `${r.urn} depends on unrecorded ${dep}`);
            edges++;
            if (target.type === NODE_GROUP_TYPE || isNodePool(target)) {
              // A workload waits for the nodes it runs on: the node groups of the pool its pods select, or the
              // pool's Karpenter NodePool; no other.
              const o = objectOf(r) as any;
              assert.ok(POD_BEARING.has(o.kind), `${r.urn} (a ${o.kind}) depends on nodes ${dep}`);
              assert.deepEqual(nodeLabelsOf(target), o.spec.template.spec.nodeSelector, `${r.urn} depends on ${dep}, nodes of another pool`);
              nodeEdges++;
              continue;
            }
            const owner = resources.get(r.parent ?? "");
            const targetOwner = resources.get(target.parent ?? "");
            if (target.type === HELM_RELEASE_TYPE && targetOwner?.type === "strata:mesh:Mesh" && owner?.type === LAYER_TYPE) {
              // An application layer waits for the mesh: its pods for the injector, its mesh objects for Istio's CRDs.
              const o = objectOf(r) as any;
              const chart = String(target.inputs.chart);
              assert.ok(POD_BEARING.has(o.kind) ? chart === "istiod" : chart === "base", `${r.urn} (a ${o.kind}) depends on the mesh's ${chart}`);
              continue;
            }
            if (target.type === HELM_RELEASE_TYPE && targetOwner?.type === "strata:credentials:Credentials" && owner?.type === LAYER_TYPE) {
              // An application layer waits for the External Secrets Operator: its pods (their credentials), its ExternalSecrets and stores (the CRDs).
              const o = objectOf(r) as any;
              assert.ok(POD_BEARING.has(o.kind) || o.apiVersion.startsWith("external-secrets.io/"), `${r.urn} (a ${o.kind}) depends on the External Secrets release`);
              continue;
            }
            if (owner?.type === LAYER_TYPE && POD_BEARING.has(objectOf(r).kind) && declared.get(owner.name)?.has(dep)) {
              // The layer's startup order: its workloads wait for what its dependsOn names (tests/startup-order.test.ts).
              continue;
            }
            if (owner && SERVICE_LAYER_TYPES[owner.type] && (target.type.startsWith("aws:") || targetOwner?.type.startsWith("strata:cluster:"))) {
              // A service layer's objects name the cluster's buckets and their IRSA roles: dependencies by value.
              continue;
            }
            assert.equal(target.parent, r.parent, `${r.urn} (layer ${r.parent}) depends on ${dep} (layer ${target.parent})`);
          }
        }
        assert.ok(edges > 0);
        // Every Deployment waits for exactly the nodes of its pool: its node groups (the system pool's, or every
        // pool's without Karpenter), or its Karpenter NodePool.
        const nodes = run.resources.filter((r) => r.type === NODE_GROUP_TYPE || isNodePool(r));
        for (const d of run.resources.filter((r) => isKubernetesResource(r) && objectOf(r).kind === "Deployment")) {
          const selector = (objectOf(d) as any).spec.template.spec.nodeSelector;
          const pool = Object.entries(nodePools).find(([, p]) => JSON.stringify(p.nodeLabels) === JSON.stringify(selector))?.[0];
          assert.ok(pool, `${d.urn} selects no pool`);
          const expected = nodes.filter((g) => JSON.stringify(nodeLabelsOf(g)) === JSON.stringify(selector)).map((g) => g.urn);
          assert.ok(expected.length > 0, `no nodes for pool ${pool}`);
          assert.deepEqual(d.dependsOn.filter((u) => nodes.some((n) => n.urn === u)).sort(), expected.sort(), d.urn);
        }
        assert.ok(nodeEdges > 0);
        // Layer components themselves are independent of each other.
        for (const layer of run.resources.filter((r) => r.type === LAYER_TYPE)) assert.deepEqual(layer.dependsOn, [], layer.urn);
      });

      it(`${stack}: no two resources share a URN, and no two Kubernetes resources the same kind/namespace/name`, async () => {
        const run = await stackRun(stack);
        const urns = run.resources.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length, "duplicate URNs");
        const keys = run.resources.filter((r) => isKubernetesResource(r) && r.type !== HELM_RELEASE_TYPE).map((r) => {
          const o = objectOf(r);
          return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
        });
        assert.equal(new Set(keys).size, keys.length, "the same object is registered twice");
        for (const r of run.resources) assert.ok(r.urn.startsWith(`urn:pulumi:${stack}::strata::`), r.urn);
      });
    });
  }
});
