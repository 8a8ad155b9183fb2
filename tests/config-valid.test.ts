import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { ApplicationLayerSpec } from "../config";
import { validateStackConfig } from "../stack";
import { runStackOffline } from "../offline/run";
import { SECRET_PLACEHOLDER } from "../config/stack-file";
import { asStackConfig, kubernetesObjects, objectsOfKind, PROJECT_DIR, resourceOfObject, runValidConfig, runWithConfig, specOf, succeeded, TEST_IMAGE, testLayer } from "./harness";

/**
 * Valid stack config: what validateStackConfig resolves it to (profile defaults, explicit overrides, the
 * default layer set, autoscaler and quota defaults), and that the real program accepts it in the forms the
 * engine hands it over (JSON strings, nested secrets).
 */


function onlyLayer(config: unknown): ApplicationLayerSpec {
  const { layers } = specOf(config);
  assert.equal(layers.length, 1);
  return layers[0];
}


/**
 * The quota a layer needs, computed here from first principles rather than with config/layers/quota.ts: every pod
 * the autoscaler may run plus a rolling update's surge (25% of them, rounded up, at least one), each with
 * its requests and memory limit.
 */
function expectedQuota(maxPods: number, cpuMillis: number, requestMiB: number, limitMiB: number) {
  const pods = maxPods + Math.max(1, Math.ceil(maxPods / 4));
  // Every pod also carries the mesh's sidecar: 50m and 64Mi requested, 128Mi limit.
  const [cpu, request, limit] = [cpuMillis + 50, requestMiB + 64, limitMiB + 128];
  return { pods, requestsCpu: `${pods * cpu}m`, requestsMemory: `${pods * request}Mi`, limitsMemory: `${pods * limit}Mi` };
}

const DEFAULT_LAYERS = ["l0-ingestion", "l1-allocation", "l2-dialogue", "l3-evolution", "l4-training", "l5-observability"];

describe("valid stack config: validateStackConfig", () => {
  describe("profiles", () => {
    it("dev: 2 replicas per layer, zone spread ScheduleAnyway", () => {
      const spec = specOf({ profile: "dev" });
      assert.equal(spec.profile, "dev");
      assert.deepEqual(spec.placement, { zoneSpread: "ScheduleAnyway", hostSpread: "ScheduleAnyway" });
      assert.deepEqual(spec.layers.map((l) => [l.name, l.replicas, l.autoscaling?.minReplicas]), DEFAULT_LAYERS.map((n) => [n, 2, 2]));
    });

    it("prod: 3 replicas per layer, zone spread DoNotSchedule", () => {
      const spec = specOf({ profile: "prod" });
      assert.equal(spec.profile, "prod");
      assert.equal(spec.placement.zoneSpread, "DoNotSchedule");
      assert.equal(spec.placement.hostSpread, "ScheduleAnyway");
      assert.deepEqual(spec.layers.map((l) => [l.name, l.replicas, l.autoscaling?.minReplicas]), DEFAULT_LAYERS.map((n) => [n, 3, 3]));
    });

    it("explicit replicas override the profile's", () => {
      assert.equal(onlyLayer({ profile: "prod", layers: [testLayer("a", { replicas: 5 })] }).replicas, 5);
      assert.equal(onlyLayer({ profile: "prod", layers: [testLayer("a", { replicas: 1 })] }).replicas, 1);
      assert.equal(onlyLayer({ profile: "dev", layers: [testLayer("a", { replicas: 4 })] }).replicas, 4);
      // Without replicas the profile decides, also for a layer given in config.
      assert.equal(onlyLayer({ profile: "prod", layers: [testLayer("a")] }).replicas, 3);
      assert.equal(onlyLayer({ profile: "dev", layers: [testLayer("a")] }).replicas, 2);
    });

    it("a layer that sets its replicas resolves the same under both profiles", () => {
      const dev = onlyLayer({ profile: "dev", layers: [testLayer("a", { replicas: 4 })] });
      const prod = onlyLayer({ profile: "prod", layers: [testLayer("a", { replicas: 4 })] });
      assert.deepEqual(dev, prod);
    });
  });

  describe("layers", () => {
    it("the default set: l0-ingestion … l5-observability, L1–L3 on spot, L0, L4, L5 on on-demand", () => {
      const spec = specOf({ profile: "dev" });
      assert.deepEqual(spec.layers.map((l) => l.name), DEFAULT_LAYERS);
      assert.deepEqual(
        Object.fromEntries(spec.layers.map((l) => [l.name, l.capacityClass])),
        {
          "l0-ingestion": "on-demand",
          "l1-allocation": "spot",
          "l2-dialogue": "spot",
          "l3-evolution": "spot",
          "l4-training": "on-demand",
          "l5-observability": "on-demand",
        },
      );
      // Every default peer is a default layer.
      for (const l of spec.layers) for (const p of l.peers) assert.ok(DEFAULT_LAYERS.includes(p), `${l.name} peers with ${p}`);
    });

    it("layers given in config replace the default set", () => {
      const spec = specOf({ profile: "dev", layers: [testLayer("a"), testLayer("b", { capacityClass: "spot", peers: ["a"] })] });
      assert.deepEqual(spec.layers.map((l) => [l.name, l.capacityClass, l.peers]), [
        ["a", "on-demand", []],
        ["b", "spot", ["a"]],
      ]);
    });

    it("a minimal layer gets every default spelled out", () => {
      const a = onlyLayer({ profile: "dev", layers: [testLayer("a")] });
      assert.equal(a.image, TEST_IMAGE);
      assert.deepEqual(a.ports, [{ name: "http", port: 8080, protocol: "TCP" }]);
      assert.deepEqual(a.resources, { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } });
      assert.deepEqual(a.probes, { port: "http", livenessPath: "/healthz", readinessPath: "/readyz" });
      assert.deepEqual(a.metrics, { port: "http", path: "/metrics" });
      assert.deepEqual(a.pdb, { maxUnavailable: 1 });
      assert.deepEqual(a.serviceAccount, { automountToken: false, annotations: {} });
      assert.deepEqual(a.env, {});
      assert.equal(a.autoscaling, undefined);
    });

    it("accepts a digest-pinned image, the gpu class and a PDB that leaves room to drain", () => {
      const image = `ghcr.io/example/app@sha256:${"0123456789abcdef".repeat(4)}`;
      // A gpu layer needs the cluster's gpu pool.
      const a = onlyLayer({ profile: "prod", cluster: { nodeGroups: { gpu: {} } }, layers: [testLayer("a", { image, capacityClass: "gpu", pdb: { minAvailable: 2 } })] });
      assert.equal(a.image, image);
      assert.equal(a.capacityClass, "gpu");
      assert.deepEqual(a.pdb, { minAvailable: 2 });
    });

    it("resolving does not alter the input (defaults are copies)", () => {
      const config = { profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 4 } })] };
      const before = structuredClone(config);
      const a = onlyLayer(config);
      a.ports.push({ name: "extra", port: 1, protocol: "TCP" });
      a.resources.requests.cpu = "9";
      assert.deepEqual(config, before);
      assert.deepEqual(onlyLayer(config).ports, [{ name: "http", port: 8080, protocol: "TCP" }]);
      assert.equal(onlyLayer(config).resources.requests.cpu, "100m");
    });
  });

  describe("autoscaling", () => {
    it("minReplicas defaults to the layer's replicas (explicit, else the profile's)", () => {
      assert.equal(onlyLayer({ profile: "dev", layers: [testLayer("a", { replicas: 4, autoscaling: { maxReplicas: 10 } })] }).autoscaling?.minReplicas, 4);
      assert.equal(onlyLayer({ profile: "prod", layers: [testLayer("a", { autoscaling: { maxReplicas: 10 } })] }).autoscaling?.minReplicas, 3);
      const explicit = onlyLayer({ profile: "prod", layers: [testLayer("a", { replicas: 4, autoscaling: { minReplicas: 2, maxReplicas: 10 } })] });
      assert.equal(explicit.autoscaling?.minReplicas, 2);
      // The Deployment starts at the autoscaler's lower bound.
      assert.equal(explicit.replicas, 2);
    });

    it("target CPU defaults to 70% when no target is set", () => {
      const a = onlyLayer({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 5 } })] });
      assert.equal(a.autoscaling?.targetCPUUtilization, 70);
      assert.equal(a.autoscaling?.targetMemoryUtilization, undefined);
    });

    it("an explicit target is kept; a memory target alone gets no CPU default", () => {
      const cpu = onlyLayer({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 5, targetCPUUtilization: 55 } })] });
      assert.equal(cpu.autoscaling?.targetCPUUtilization, 55);
      const memory = onlyLayer({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 5, targetMemoryUtilization: 80 } })] });
      assert.equal(memory.autoscaling?.targetCPUUtilization, undefined);
      assert.equal(memory.autoscaling?.targetMemoryUtilization, 80);
    });
  });

  describe("quota", () => {
    it("maxReplicas 9 at 100m/128Mi (limit 256Mi), plus the sidecar: 12 pods, 1800m, 2304Mi, 4608Mi", () => {
      const a = onlyLayer({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 9 } })] });
      assert.deepEqual(a.quota, { pods: 12, requestsCpu: "1800m", requestsMemory: "2304Mi", limitsMemory: "4608Mi" });
      assert.deepEqual(a.quota, expectedQuota(9, 100, 128, 256));
    });

    it("without an autoscaler the peak is the replicas plus at least one surge pod", () => {
      assert.deepEqual(onlyLayer({ profile: "dev", layers: [testLayer("a", { replicas: 1 })] }).quota, expectedQuota(1, 100, 128, 256));
      assert.equal(expectedQuota(1, 100, 128, 256).pods, 2);
      assert.deepEqual(onlyLayer({ profile: "dev", layers: [testLayer("a")] }).quota, expectedQuota(2, 100, 128, 256));
      assert.deepEqual(onlyLayer({ profile: "prod", layers: [testLayer("a", { replicas: 8 })] }).quota, expectedQuota(8, 100, 128, 256));
      assert.equal(expectedQuota(8, 100, 128, 256).pods, 10);
    });

    it("uses the layer's own resources", () => {
      const resources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } };
      const a = onlyLayer({ profile: "dev", layers: [testLayer("a", { resources, autoscaling: { maxReplicas: 12 } })] });
      assert.deepEqual(a.quota, expectedQuota(12, 250, 256, 512));
      assert.deepEqual(a.quota, { pods: 15, requestsCpu: "4500m", requestsMemory: "4800Mi", limitsMemory: "9600Mi" });
      // Units mix: 1Gi limits count as 1024Mi each; 333m requests add up exactly.
      const mixed = onlyLayer({
        profile: "dev",
        layers: [testLayer("a", { replicas: 2, resources: { requests: { cpu: "333m", memory: "512Mi" }, limits: { memory: "1Gi" } } })],
      });
      assert.deepEqual(mixed.quota, expectedQuota(2, 333, 512, 1024));
      assert.deepEqual(mixed.quota, { pods: 3, requestsCpu: "1149m", requestsMemory: "1728Mi", limitsMemory: "3456Mi" });
    });

    it("an override at or above the peak need is kept; the fields it omits are derived", () => {
      const a = onlyLayer({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 9 }, quota: { pods: 12, requestsCpu: "4" } })] });
      assert.deepEqual(a.quota, { pods: 12, requestsCpu: "4", requestsMemory: "2304Mi", limitsMemory: "4608Mi" });
    });

    it("the default layers' quotas follow their autoscalers and resources", () => {
      const spec = specOf({ profile: "prod" });
      const byName = Object.fromEntries(spec.layers.map((l) => [l.name, l]));
      assert.deepEqual(byName["l0-ingestion"].quota, expectedQuota(9, 100, 128, 256));
      assert.deepEqual(byName["l2-dialogue"].quota, expectedQuota(12, 250, 256, 512));
      assert.deepEqual(byName["l5-observability"].quota, expectedQuota(4, 100, 128, 256));
    });
  });

  it("a nested Pulumi `secure:` object is reported at its path, not a crash", () => {
    const config = { profile: "dev", layers: [testLayer("a", { env: { TOKEN: { secure: "AAABAKx8pOBqLNs2E1mWgSeoa5jQ==" } } })] };
    const result = validateStackConfig(asStackConfig(config));
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.issues.map((i) => i.path), ["layers[0].env.TOKEN"]);
  });
});

describe("valid stack config: the real program, offline", () => {
  const minimal = { profile: "dev", layers: [testLayer("a")] };

  it("a minimal layer deploys: one ApplicationLayer, its Deployment, quota and outputs", async () => {
    const run = await runValidConfig(minimal);
    assert.deepEqual(run.resources.filter((r) => r.type === "strata:layers:ApplicationLayer").map((r) => r.name), ["a"]);
    const deployment = resourceOfObject(run.resources, "Deployment", "a", "a").inputs as { spec: { replicas: number } };
    assert.equal(deployment.spec.replicas, 2);
    assert.deepEqual(Object.keys((run.outputs.layers ?? {}) as object), ["a"]);
    assert.equal(run.outputs.profile, "dev");
  });

  it("the derived quota reaches the layer's ResourceQuota", async () => {
    const run = await runValidConfig({ profile: "dev", layers: [testLayer("a", { autoscaling: { maxReplicas: 9 } })] });
    const [quota] = objectsOfKind<{ spec: { hard: Record<string, string> } }>(kubernetesObjects(run.resources), "ResourceQuota");
    assert.ok(quota, "no ResourceQuota registered");
    assert.equal(quota.metadata?.namespace, "a");
    const want = expectedQuota(9, 100, 128, 256);
    assert.equal(quota.spec.hard.pods, String(want.pods));
    assert.equal(quota.spec.hard["requests.cpu"], want.requestsCpu);
    assert.equal(quota.spec.hard["requests.memory"], want.requestsMemory);
    assert.equal(quota.spec.hard["limits.memory"], want.limitsMemory);
  });

  it("structured values passed as JSON strings (as the engine passes them) are parsed", async () => {
    const layers = [testLayer("a", { replicas: 3, peers: ["b"] }), testLayer("b", { capacityClass: "spot", peers: ["a"] })];
    const asString = await runValidConfig({ profile: "dev", layers: JSON.stringify(layers) });
    const asObject = await runValidConfig({ profile: "dev", layers });
    assert.deepEqual(Object.keys(asString.outputs.layers as object).sort(), ["a", "b"]);
    const deployment = resourceOfObject(asString.resources, "Deployment", "a", "a").inputs as { spec: { replicas: number } };
    assert.equal(deployment.spec.replicas, 3);
    // The same program, whichever form the value came in.
    assert.deepEqual(asString.resources, asObject.resources);
    assert.deepEqual(asString.outputs, asObject.outputs);
  });

  it("an invalid structured value passed as a JSON string is still reported at its path", async () => {
    const run = await runWithConfig({ profile: "dev", layers: JSON.stringify([testLayer("a", { replicas: 0 })]) });
    assert.equal(run.ok, false);
    assert.deepEqual(!run.ok && run.issues.map((i) => i.path), ["layers[0].replicas"]);
    assert.equal(run.resources.length, 0);
  });

  describe("a nested `secure:` value in the stack file", () => {
    let dir: string;
    let offline: Awaited<ReturnType<typeof runStackOffline>>;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-secure-"));
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      const stack = {
        config: {
          "strata:profile": "dev",
          "strata:replaceDefaults": ["layers"],
          "strata:layers": [testLayer("a", { env: { LOG_LEVEL: "info", TOKEN: { secure: "AAABAKx8pOBqLNs2E1mWgSeoa5jQ==" } } })],
        },
      };
      fs.writeFileSync(path.join(dir, "Pulumi.secure.yaml"), stringify(stack));
      offline = await runStackOffline(dir, "secure");
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("does not crash: the program runs, the secret stands in as a placeholder", () => {
      const run = succeeded(offline);
      const inputs = resourceOfObject(run.resources, "Deployment", "a", "a").inputs as { spec: { value?: unknown } };
      // The spec is registered as a Pulumi secret (see the next test): read the value inside the marker.
      const spec = (inputs.spec.value ?? inputs.spec) as { template: { spec: { containers: { env?: unknown }[] } } };
      const env = JSON.stringify(spec.template.spec.containers[0].env);
      assert.match(env, /"LOG_LEVEL"/);
      assert.ok(env.includes(SECRET_PLACEHOLDER), env);
    });

    it("the secret value stays secret in the resource it reaches (encrypted in state, not plain text)", () => {
      const run = succeeded(offline);
      const deployment = resourceOfObject(run.resources, "Deployment", "a", "a");
      const secret = isUnderSecret(deployment.inputs, (v) => v === SECRET_PLACEHOLDER);
      assert.notEqual(secret, undefined, "the placeholder is not in the Deployment at all");
      assert.equal(secret, true, "the secret config value reaches the Deployment as plain text: under `pulumi up` it would be stored unencrypted in state");
    });
  });
});

/** Whether the first value matching `match` sits inside a Pulumi secret; undefined when there is none. */
function isUnderSecret(value: unknown, match: (v: unknown) => boolean, inSecret = false): boolean | undefined {
  if (match(value)) return inSecret;
  if (value === null || typeof value !== "object") return undefined;
  const obj = value as Record<string, unknown>;
  const secret = inSecret || obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
  for (const child of Array.isArray(value) ? value : Object.values(obj)) {
    const found = isUnderSecret(child, match, secret);
    if (found !== undefined) return found;
  }
  return undefined;
}
