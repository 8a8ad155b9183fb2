import { strict as assert } from "node:assert";
import { validateStackConfig } from "../stack";
import { closestKey, knownKeysAt } from "../config/suggest";
import { stackConfigSchema } from "../stack";
import { asStackConfig } from "./harness";

describe("unknown config keys", () => {
  const layer = { name: "a", image: "ghcr.io/example/a:1.0.0", capacityClass: "spot" };

  function issueAt(config: unknown, path: string): string {
    const result = validateStackConfig(asStackConfig(config));
    assert.equal(result.ok, false);
    const issue = !result.ok && result.issues.find((i) => i.path === path);
    assert.ok(issue, `no issue at ${path}: ${JSON.stringify(result)}`);
    return issue.message;
  }

  it("suggests the closest known key for a typo, at any depth", () => {
    assert.match(issueAt({ profle: "dev" }, "profle"), /did you mean "profile"/);
    assert.match(issueAt({ profile: "dev", layers: [{ ...layer, replica: 2 }] }, "layers[0].replica"), /did you mean "replicas"/);
    const nested = { profile: "dev", layers: [{ ...layer, autoscaling: { maxReplicas: 4, minReplica: 2 } }] };
    assert.match(issueAt(nested, "layers[0].autoscaling.minReplica"), /did you mean "minReplicas"/);
  });

  it("lists the known keys when nothing is close", () => {
    const message = issueAt({ profile: "dev", layers: [{ ...layer, zzzzzz: 1 }] }, "layers[0].zzzzzz");
    assert.match(message, /known keys: name, description, image, capacityClass/);
  });

  it("knows the keys of nested objects through arrays and optionals", () => {
    assert.deepEqual(knownKeysAt(stackConfigSchema, []), ["profile", "layers", "tenants", "replaceDefaults", "cluster", "karpenter", "kafka", "postgres", "redis", "mesh", "edge", "certificates", "dns", "backup", "observability", "secrets", "gitops", "credentials"]);
    assert.ok(knownKeysAt(stackConfigSchema, ["layers", 3, "resources"]).includes("requests"));
    assert.deepEqual(knownKeysAt(stackConfigSchema, ["layers", 0, "name"]), []);
    assert.equal(closestKey("capacityclass", ["capacityClass", "name"]), "capacityClass");
    assert.equal(closestKey("xyz", ["capacityClass", "name"]), undefined);
  });
});
