import { strict as assert } from "node:assert";
import type { PlatformSpec } from "../stack";
import { applicationLayerObjects as layerOwnObjects } from "../capabilities/application-layers";
import { layerCredentialObjects } from "../capabilities/credentials";
import { layerMeshObjects } from "../capabilities/mesh";
import type { ApplicationLayerSpec } from "../config";
import { remoteKeyPrefix } from "../manifests/external-secret";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { SucceededRun } from "../offline/run";
import { BASE_IMAGE, objectsOfLayer, stackSpec } from "./graph-support";
import { NAMESPACE, runValidConfig, specOf, stackRun, STACKS } from "./harness";

/**
 * A layer's objects: its own, and what the capabilities add to its namespace, in their order: the mesh (to
 * every layer) and the credentials (to a layer that uses a data service).
 */
function applicationLayerObjects(layer: ApplicationLayerSpec, spec: PlatformSpec, prefix: string): KubernetesObject[] {
  const credentials = spec.credentials ? layerCredentialObjects(layer, spec.credentials) : [];
  return layerOwnObjects(layer, spec, prefix, [...layerMeshObjects(layer, spec), ...credentials]);
}

function keyOf(o: KubernetesObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/** An object as the engine receives it: plain data, undefined fields absent. */
function asRegistered(o: unknown): any {
  return JSON.parse(JSON.stringify(o));
}

function withoutTypeMeta(o: KubernetesObject): Record<string, unknown> {
  const { apiVersion: _apiVersion, kind: _kind, ...body } = o;
  return body;
}

/** The component registers exactly the desired state of each layer: same objects, same fields, nothing else. */
function assertRegisteredIsDesired(run: SucceededRun, spec: PlatformSpec, stack: string): void {
  for (const layer of spec.layers) {
    const desired = applicationLayerObjects(layer, spec, remoteKeyPrefix(spec.gitops, NAMESPACE, stack));
    const registered = objectsOfLayer(run, layer.name);
    assert.deepEqual(registered.map(keyOf).sort(), desired.map(keyOf).sort(), `${layer.name}: registered objects`);
    for (const want of desired) {
      const got = registered.find((o) => keyOf(o) === keyOf(want))!;
      assert.deepEqual(withoutTypeMeta(got), withoutTypeMeta(asRegistered(want)), `${layer.name}: ${keyOf(want)} differs from the desired state`);
      assert.equal(got.apiVersion, want.apiVersion, keyOf(want));
      assert.equal(got.kind, want.kind, keyOf(want));
    }
  }
}

describe("desired state is the single source of truth", () => {
  for (const stack of STACKS) {
    it(`${stack}: each layer registers exactly applicationLayerObjects(layer, spec)`, async () => {
      assertRegisteredIsDesired(await stackRun(stack), stackSpec(stack), stack);
    });

    it(`${stack}: applicationLayerObjects is pure: equal results for equal specs, the spec left untouched`, () => {
      const spec = stackSpec(stack);
      const before = structuredClone(spec);
      const prefix = remoteKeyPrefix(spec.gitops, NAMESPACE, stack);
      for (const layer of spec.layers) {
        const first = applicationLayerObjects(layer, spec, prefix);
        const second = applicationLayerObjects(layer, spec, prefix);
        assert.ok(first.length > 0);
        assert.deepEqual(second, first, layer.name);
        assert.deepEqual(first.map(keyOf), second.map(keyOf), `${layer.name}: order`);
        // An independently resolved spec of the same config gives the same objects too.
        const again = stackSpec(stack);
        assert.deepEqual(applicationLayerObjects(again.layers.find((l) => l.name === layer.name)!, again, prefix), first, layer.name);
        assert.equal(new Set(first.map(keyOf)).size, first.length, `${layer.name}: an object appears twice`);
      }
      assert.deepEqual(spec, before, "applicationLayerObjects mutated the spec");
    });
  }

  it("a custom config: each layer registers exactly its desired state", async () => {
    const config = {
      profile: "prod",
      cluster: { nodeGroups: { gpu: { diskSizeGiB: 300 } } },
      kafka: { topics: [{ name: "a" }, { name: "b" }] },
      secrets: { externalSecrets: true },
      layers: [
        {
          name: "edge",
          image: `${BASE_IMAGE.split(":")[0]}@sha256:${"a".repeat(64)}`,
          capacityClass: "gpu",
          replicas: 2,
          resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" }, gpus: 1 },
          env: { B: "2", A: "1" },
          secretEnv: { TOKEN: { secret: "edge-token", key: "token" }, API_KEY: { secret: "edge-keys", key: "api-key", remoteRef: { key: "vendor/edge", property: "key" } } },
          peers: ["core"],
          serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/edge" } },
        },
        {
          name: "core",
          image: BASE_IMAGE,
          capacityClass: "spot",
          dataServices: { kafka: { read: ["a"], write: ["b"] }, postgres: { database: "core" }, redis: {} },
          autoscaling: { maxReplicas: 5, behavior: { scaleDown: { selectPolicy: "Min" } } },
        },
      ],
    };
    assertRegisteredIsDesired(await runValidConfig(config), specOf(config), "test");
  });
});
