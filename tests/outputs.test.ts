import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { BASE_IMAGE, objectsOfLayer, onlyOne, stackSpec } from "./graph-support";
import { runValidConfig, specOf, stackRun, STACKS } from "./harness";

function assertLayerOutputs(run: SucceededRun, layerNames: string[]): void {
  const layers = run.outputs.layers as Record<string, Record<string, unknown>>;
  assert.ok(layers && typeof layers === "object", "outputs.layers");
  assert.deepEqual(Object.keys(layers).sort(), [...layerNames].sort());
  for (const name of layerNames) {
    const out = layers[name];
    assert.deepEqual(Object.keys(out).sort(), ["namespace", "serviceAccountName", "serviceHost", "servicePort"], name);
    const objects = objectsOfLayer(run, name);
    const namespace = onlyOne(objects.filter((o) => o.kind === "Namespace"), `Namespace of ${name}`);
    const service = onlyOne(objects.filter((o) => o.kind === "Service"), `Service of ${name}`) as any;
    const deployment = onlyOne(objects.filter((o) => o.kind === "Deployment"), `Deployment of ${name}`) as any;
    assert.equal(out.namespace, namespace.metadata.name, `${name}.namespace`);
    assert.equal(out.serviceAccountName, deployment.spec.template.spec.serviceAccountName, `${name}.serviceAccountName`);
    assert.ok(objects.some((o) => o.kind === "ServiceAccount" && o.metadata.name === out.serviceAccountName), `${name}: the output names a registered ServiceAccount`);
    assert.equal(out.serviceHost, `${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`, `${name}.serviceHost`);
    assert.equal(typeof out.servicePort, "number", `${name}.servicePort`);
    assert.equal(out.servicePort, service.spec.ports[0].port, `${name}.servicePort`);
  }
}

describe("stack outputs", () => {
  for (const stack of STACKS) {
    it(`${stack}: profile, cluster, kubeconfig, the data layers, the credentials (tests/credentials.test.ts) and, per layer, namespace, serviceAccountName, serviceHost and servicePort of its objects; only the kubeconfig and the Redis password are secret`, async () => {
      const run = await stackRun(stack);
      assert.deepEqual(Object.keys(run.outputs).sort(), ["backup", "cluster", "credentials", "edge", "kafka", "karpenter", "kubeconfig", "layers", "mesh", "observability", "postgres", "profile", "redis"]);
      assert.equal(run.outputs.profile, stack);
      assertLayerOutputs(run, stackSpec(stack).layers.map((l) => l.name));
      assert.deepEqual(run.secretOutputs, ["kubeconfig", "redis.password"]);
    });

    it(`${stack}: the service layers' outputs: the gateway and its load balancer, Thanos query and Grafana URLs, the buckets the cluster made`, async () => {
      const run = await stackRun(stack);
      const buckets = (run.outputs.cluster as any).buckets;
      // Offline, no load balancer has an address yet: the output exists and is empty.
      assert.deepEqual(run.outputs.mesh, { gatewayNamespace: "istio-ingress" });
      assert.deepEqual(run.outputs.edge, { exposure: "internal", loadBalancer: "nlb", address: "", hosts: ["*"] });
      assert.deepEqual(run.outputs.backup, { bucketName: buckets.backups });
      // Karpenter: its namespace, queue and role, each pool's limits and the layers' requests (tests/karpenter-config.test.ts).
      const karpenter = run.outputs.karpenter as any;
      assert.deepEqual(Object.keys(karpenter).sort(), ["controllerRoleArn", "interruptionQueue", "namespace", "nodePools", "spotShare"]);
      assert.deepEqual([karpenter.namespace, karpenter.interruptionQueue], ["karpenter", `strata-${stack}-karpenter-interruptions`]);
      assert.match(karpenter.controllerRoleArn, /^arn:aws:iam::123456789012:role\/karpenter-controller-/);
      assert.deepEqual(Object.keys(karpenter.nodePools).sort(), ["on-demand", "spot", "stateful"]);
      assert.deepEqual(run.outputs.observability, {
        thanosQueryUrl: "http://thanos-query.monitoring.svc.cluster.local:10902",
        grafanaUrl: "http://grafana.monitoring.svc.cluster.local:80",
        metricsBucketName: buckets.metrics,
      });
    });
  }

  it("a custom config: the main (first) port of each layer is its servicePort", async () => {
    const config = {
      profile: "dev",
      layers: [
        { name: "grpc-api", image: BASE_IMAGE, capacityClass: "spot", ports: [{ name: "grpc", port: 9090 }, { name: "http", port: 8080 }] },
        { name: "plain", image: BASE_IMAGE, capacityClass: "on-demand" },
      ],
    };
    const run = await runValidConfig(config);
    assert.equal(run.outputs.profile, "dev");
    assertLayerOutputs(run, specOf(config).layers.map((l) => l.name));
    const layers = run.outputs.layers as Record<string, { servicePort: number; serviceHost: string }>;
    assert.equal(layers["grpc-api"].servicePort, 9090);
    assert.equal(layers["grpc-api"].serviceHost, "grpc-api.grpc-api.svc.cluster.local");
    assert.equal(layers.plain.servicePort, 8080);
    assert.deepEqual(run.secretOutputs, ["kubeconfig"]);
  });
});
