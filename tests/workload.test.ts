import { strict as assert } from "node:assert";
import type { ApplicationLayerSpec } from "../config";
import type { PlatformSpec } from "../stack";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { SucceededRun } from "../offline/run";
import { parseQuantity } from "../platform/quantity";
import { BASE_IMAGE, deploymentPeakPods, objectsOfLayer, onlyOne, selects, stackSpec } from "./graph-support";
import { runValidConfig, specOf, stackRun, STACKS } from "./harness";

function ofKind(objects: KubernetesObject[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

interface LayerWorkload {
  deployment: any;
  service: any;
  hpa: any[];
  pdb: any;
  quota: any;
  limitRange: any;
}

function workloadOf(run: SucceededRun, layer: ApplicationLayerSpec): LayerWorkload {
  const objects = objectsOfLayer(run, layer.name);
  return {
    deployment: onlyOne(ofKind(objects, "Deployment"), `Deployment of ${layer.name}`),
    service: onlyOne(ofKind(objects, "Service"), `Service of ${layer.name}`),
    hpa: ofKind(objects, "HorizontalPodAutoscaler"),
    pdb: onlyOne(ofKind(objects, "PodDisruptionBudget"), `PodDisruptionBudget of ${layer.name}`),
    quota: onlyOne(ofKind(objects, "ResourceQuota"), `ResourceQuota of ${layer.name}`),
    limitRange: onlyOne(ofKind(objects, "LimitRange"), `LimitRange of ${layer.name}`),
  };
}

function assertServiceSelectsPods(run: SucceededRun, spec: PlatformSpec): void {
  const all = spec.layers.map((l) => [l, workloadOf(run, l)] as const);
  for (const [layer, w] of all) {
    const podLabels = w.deployment.spec.template.metadata.labels;
    assert.equal(w.service.metadata.namespace, w.deployment.metadata.namespace, layer.name);
    assert.equal(w.service.spec.type ?? "ClusterIP", "ClusterIP", `${layer.name}: Service type`);
    assert.ok(Object.keys(w.service.spec.selector ?? {}).length > 0, `${layer.name}: Service selects everything`);
    assert.ok(selects(w.service.spec.selector, podLabels), `${layer.name}: Service does not select the Deployment's pods`);
    assert.ok(selects(w.deployment.spec.selector.matchLabels, podLabels), `${layer.name}: Deployment selector does not select its own template`);
    for (const [other, ow] of all) {
      if (other !== layer) assert.ok(!selects(w.service.spec.selector, ow.deployment.spec.template.metadata.labels), `${layer.name}'s Service selects ${other.name}'s pods`);
    }
    // Every Service port targets a port the container declares, and mirrors the spec's ports.
    const container = w.deployment.spec.template.spec.containers[0];
    for (const port of w.service.spec.ports) {
      const target = port.targetPort ?? port.port;
      const found = container.ports.find((p: any) => (typeof target === "string" ? p.name === target : p.containerPort === target));
      assert.ok(found, `${layer.name}: Service port ${port.name} targets ${target}, not a container port`);
      assert.equal(found.protocol ?? "TCP", port.protocol ?? "TCP");
    }
    assert.deepEqual(
      w.service.spec.ports.map((p: any) => [p.name, p.port, p.protocol]),
      layer.ports.map((p) => [p.name, p.port, p.protocol]),
      `${layer.name}: Service ports`,
    );
  }
}

function assertScaling(run: SucceededRun, spec: PlatformSpec): void {
  for (const layer of spec.layers) {
    const w = workloadOf(run, layer);
    if (!layer.autoscaling) {
      assert.equal(w.hpa.length, 0, `${layer.name}: HPA without autoscaling`);
      assert.equal(w.deployment.spec.replicas, layer.replicas, `${layer.name}: fixed replicas`);
      continue;
    }
    const hpa = onlyOne(w.hpa, `HPA of ${layer.name}`);
    const scaling = layer.autoscaling;
    assert.equal(hpa.apiVersion, "autoscaling/v2");
    assert.equal(hpa.metadata.namespace, w.deployment.metadata.namespace);
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: w.deployment.metadata.name });
    assert.equal(hpa.spec.minReplicas, scaling.minReplicas, `${layer.name}: minReplicas`);
    assert.equal(hpa.spec.maxReplicas, scaling.maxReplicas, `${layer.name}: maxReplicas`);
    assert.ok(hpa.spec.minReplicas <= hpa.spec.maxReplicas);
    assert.deepEqual(hpa.spec.behavior, scaling.behavior, `${layer.name}: behavior`);
    const targets = Object.fromEntries(
      hpa.spec.metrics.map((m: any) => {
        assert.equal(m.type, "Resource");
        assert.equal(m.resource.target.type, "Utilization");
        return [m.resource.name, m.resource.target.averageUtilization];
      }),
    );
    const expected: Record<string, number> = {};
    if (scaling.targetCPUUtilization !== undefined) expected.cpu = scaling.targetCPUUtilization;
    if (scaling.targetMemoryUtilization !== undefined) expected.memory = scaling.targetMemoryUtilization;
    assert.ok(Object.keys(expected).length > 0, `${layer.name}: autoscaling without a target`);
    assert.deepEqual(targets, expected, `${layer.name}: metrics`);
    assert.equal("replicas" in w.deployment.spec, false, `${layer.name}: the Deployment sets replicas although an HPA owns them`);
  }
}

function assertPdb(run: SucceededRun, spec: PlatformSpec): void {
  for (const layer of spec.layers) {
    const w = workloadOf(run, layer);
    const podLabels = w.deployment.spec.template.metadata.labels;
    assert.equal(w.pdb.apiVersion, "policy/v1");
    assert.equal(w.pdb.metadata.namespace, w.deployment.metadata.namespace);
    assert.ok(Object.keys(w.pdb.spec.selector.matchLabels ?? {}).length > 0, `${layer.name}: PDB selects everything`);
    assert.ok(selects(w.pdb.spec.selector.matchLabels, podLabels), `${layer.name}: PDB does not select the pods`);
    const { selector: _selector, unhealthyPodEvictionPolicy, ...bound } = w.pdb.spec;
    assert.deepEqual(bound, layer.pdb, `${layer.name}: PDB bound`);
    assert.equal(unhealthyPodEvictionPolicy, "AlwaysAllow");
  }
}

function assertQuota(run: SucceededRun, spec: PlatformSpec, exact: boolean): void {
  for (const layer of spec.layers) {
    const w = workloadOf(run, layer);
    const hard = w.quota.spec.hard;
    assert.equal(w.quota.metadata.namespace, layer.name);
    assert.deepEqual(
      { pods: hard.pods, requestsCpu: hard["requests.cpu"], requestsMemory: hard["requests.memory"], limitsMemory: hard["limits.memory"] },
      { pods: String(layer.quota.pods), requestsCpu: layer.quota.requestsCpu, requestsMemory: layer.quota.requestsMemory, limitsMemory: layer.quota.limitsMemory },
      `${layer.name}: quota`,
    );
    assert.equal(hard["services.loadbalancers"], "0", `${layer.name}: LoadBalancer Services allowed`);
    assert.equal(hard["services.nodeports"], "0", `${layer.name}: NodePort Services allowed`);
    // The quota admits the layer at its peak (and, by default, exactly that).
    const container = w.deployment.spec.template.spec.containers[0];
    const peak = deploymentPeakPods(w.deployment, w.hpa[0]);
    assert.ok(Number(hard.pods) >= peak, `${layer.name}: pods ${hard.pods} < peak ${peak}`);
    const covers = (quota: string, perPod: string) => parseQuantity(quota) + 1e-9 >= peak * parseQuantity(perPod);
    assert.ok(covers(hard["requests.cpu"], container.resources.requests.cpu), `${layer.name}: requests.cpu`);
    assert.ok(covers(hard["requests.memory"], container.resources.requests.memory), `${layer.name}: requests.memory`);
    assert.ok(covers(hard["limits.memory"], container.resources.limits.memory), `${layer.name}: limits.memory`);
    if (exact) assert.equal(Number(hard.pods), peak, `${layer.name}: default quota is exactly the peak`);
  }
}

function assertLimitRange(run: SucceededRun, spec: PlatformSpec): void {
  for (const layer of spec.layers) {
    const w = workloadOf(run, layer);
    assert.equal(w.limitRange.metadata.namespace, layer.name);
    const limits = w.limitRange.spec.limits;
    const container: any = onlyOne(limits.filter((l: any) => l.type === "Container"), `Container LimitRange item of ${layer.name}`);
    assert.deepEqual(container.defaultRequest, { cpu: layer.resources.requests.cpu, memory: layer.resources.requests.memory }, layer.name);
    assert.equal(container.default?.memory, layer.resources.limits.memory, `${layer.name}: default memory limit`);
    // The defaults satisfy the quota's required fields for a container that declares nothing.
    assert.ok(container.defaultRequest.cpu && container.defaultRequest.memory && container.default.memory);
    assert.ok(parseQuantity(container.defaultRequest.memory) <= parseQuantity(container.default.memory), `${layer.name}: default request above default limit`);
  }
}

describe("workload objects", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: each Service selects its Deployment's pods (and no other layer's) on the spec's ports`, async () => {
        assertServiceSelectsPods(await stackRun(stack), stackSpec(stack));
      });

      it(`${stack}: each HPA (autoscaling/v2) targets its Deployment with the spec's bounds, targets and behavior; the Deployment leaves replicas to it`, async () => {
        const spec = stackSpec(stack);
        assert.ok(spec.layers.every((l) => l.autoscaling), "the default layers all autoscale");
        assert.ok(spec.layers.every((l) => l.autoscaling!.behavior), "the default layers all set a scaling behavior");
        assertScaling(await stackRun(stack), spec);
      });

      it(`${stack}: each PDB selects the pods, uses the configured bound and AlwaysAllow for unhealthy pods`, async () => {
        assertPdb(await stackRun(stack), stackSpec(stack));
      });

      it(`${stack}: each ResourceQuota matches the spec, admits exactly the peak and forbids LoadBalancer and NodePort Services`, async () => {
        assertQuota(await stackRun(stack), stackSpec(stack), true);
      });

      it(`${stack}: each LimitRange defaults container requests and memory limit to the layer's resources`, async () => {
        assertLimitRange(await stackRun(stack), stackSpec(stack));
      });
    });
  }

  describe("custom scaling shapes", () => {
    const config = {
      profile: "prod",
      layers: [
        { name: "fixed", image: BASE_IMAGE, capacityClass: "on-demand", replicas: 4, pdb: { minAvailable: 2 } },
        {
          name: "scaled",
          image: BASE_IMAGE,
          capacityClass: "spot",
          autoscaling: { minReplicas: 2, maxReplicas: 7, targetMemoryUtilization: 75 },
          pdb: { maxUnavailable: "30%" },
          resources: { requests: { cpu: "300m", memory: "200Mi" }, limits: { cpu: "1", memory: "300Mi" } },
        },
        { name: "quota", image: BASE_IMAGE, capacityClass: "spot", quota: { pods: 50, requestsCpu: "20" } },
      ],
    };
    let run: SucceededRun;
    before(async () => {
      run = await runValidConfig(config);
    });

    it("a layer without autoscaling has no HPA and its Deployment sets spec.replicas", () => {
      const w = workloadOf(run, specOf(config).layers[0]);
      assert.equal(w.hpa.length, 0);
      assert.equal(w.deployment.spec.replicas, 4);
      const quotaLayer = workloadOf(run, specOf(config).layers[2]);
      assert.equal(quotaLayer.deployment.spec.replicas, 3, "prod's default replicas");
      assertScaling(run, specOf(config));
    });

    it("a memory-only autoscaler has only a memory metric and the configured minimum", () => {
      const w = workloadOf(run, specOf(config).layers[1]);
      const hpa = onlyOne(w.hpa, "HPA");
      assert.equal(hpa.spec.minReplicas, 2);
      assert.equal(hpa.spec.maxReplicas, 7);
      assert.deepEqual(hpa.spec.metrics.map((m: any) => m.resource.name), ["memory"]);
      assert.equal(hpa.spec.behavior, undefined);
      assert.equal("replicas" in w.deployment.spec, false);
    });

    it("PDBs, quotas (derived and overridden) and limit ranges follow the custom spec", () => {
      const spec = specOf(config);
      assertPdb(run, spec);
      assertLimitRange(run, spec);
      assertQuota(run, spec, false);
      const fixed = workloadOf(run, spec.layers[0]);
      assert.deepEqual(fixed.pdb.spec.minAvailable, 2);
      assert.equal(fixed.quota.spec.hard.pods, String(4 + 1), "4 replicas plus one surge pod");
      const overridden = workloadOf(run, spec.layers[2]).quota.spec.hard;
      assert.equal(overridden.pods, "50");
      assert.equal(overridden["requests.cpu"], "20");
    });
  });
});
