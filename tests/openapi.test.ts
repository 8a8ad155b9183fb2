import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { describeObject } from "./graph-support";
import { requireModelFile } from "../validation/esm-models";
import { kubernetesObjects, revealSecrets, stackRun, STACKS } from "./harness";

type ModelClass = new (data: unknown) => { validate(): void };

/** The kubernetes-models modules by apiVersion; each exports one class per kind. */
const modules: Record<string, Record<string, unknown>> = {
  v1: requireModelFile("kubernetes-models", "v1"),
  "apps/v1": requireModelFile("kubernetes-models", "apps/v1"),
  "autoscaling/v2": requireModelFile("kubernetes-models", "autoscaling/v2"),
  "policy/v1": requireModelFile("kubernetes-models", "policy/v1"),
  "networking.k8s.io/v1": requireModelFile("kubernetes-models", "networking.k8s.io/v1"),
  "rbac.authorization.k8s.io/v1": requireModelFile("kubernetes-models", "rbac.authorization.k8s.io/v1"),
  "batch/v1": requireModelFile("kubernetes-models", "batch/v1"),
  "storage.k8s.io/v1": requireModelFile("kubernetes-models", "storage.k8s.io/v1"),
};

function modelOf(apiVersion: string, kind: string): ModelClass {
  const model = modules[apiVersion]?.[kind];
  assert.equal(typeof model, "function", `no OpenAPI model for ${apiVersion} ${kind}`);
  return model as ModelClass;
}

function validate(o: KubernetesObject): void {
  const Model = modelOf(o.apiVersion, o.kind);
  new Model(revealSecrets(structuredClone(o))).validate();
}

const validDeployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "d", namespace: "n" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "d" } },
    template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "c", image: "example.com/c:1.0" }] } },
  },
};

describe("objects validate against the Kubernetes OpenAPI models", () => {
  it("the validator is real: a valid Deployment passes, broken ones fail", () => {
    assert.doesNotThrow(() => validate(validDeployment as unknown as KubernetesObject));
    const noContainers = structuredClone(validDeployment) as any;
    delete noContainers.spec.template.spec.containers;
    assert.throws(() => validate(noContainers), /containers/);
    const stringReplicas = structuredClone(validDeployment) as any;
    stringReplicas.spec.replicas = "3";
    assert.throws(() => validate(stringReplicas), /replicas/);
    // A NetworkPolicy whose port protocol is a number, and one whose label value is a number (podSelector is
    // optional since Kubernetes 1.31's schema: an empty one is the default).
    const policy = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace: "n" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } };
    assert.doesNotThrow(() => validate(policy as unknown as KubernetesObject));
    const numericProtocol = structuredClone(policy) as any;
    numericProtocol.spec.ingress = [{ ports: [{ protocol: 6, port: 80 }] }];
    assert.throws(() => validate(numericProtocol), /protocol/);
    const numericLabel = structuredClone(policy) as any;
    numericLabel.spec.ingress = [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": 1 } } }] }];
    assert.throws(() => validate(numericLabel), /matchLabels/);
    assert.throws(() => modelOf("apps/v1", "Deploymnet"), /no OpenAPI model/);
  });

  for (const stack of STACKS) {
    it(`${stack}: every registered Kubernetes object validates`, async () => {
      const run = await stackRun(stack);
      // Core kinds; custom resources are validated against their upstream CRDs (services-crds.test.ts).
      const objects = kubernetesObjects(run.resources).filter((o) => modules[o.apiVersion]).map(revealSecrets);
      assert.ok(objects.length > 50);
      const failures: string[] = [];
      for (const o of objects) {
        try {
          validate(o);
        } catch (err) {
          failures.push(`${describeObject(o)}: ${(err as Error).message}`);
        }
      }
      assert.deepEqual(failures, []);
      const kinds = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
      for (const kind of ["v1/Namespace", "v1/ServiceAccount", "v1/Service", "v1/ResourceQuota", "v1/LimitRange", "apps/v1/Deployment", "autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget", "networking.k8s.io/v1/NetworkPolicy", "storage.k8s.io/v1/StorageClass"]) {
        assert.ok(kinds.has(kind), `no ${kind} was validated`);
      }
    });
  }
});
