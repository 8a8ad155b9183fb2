import { strict as assert } from "node:assert";
import { resourceOfObject, runWithConfig } from "./harness";

describe("environment from Secrets", () => {
  const layer = { name: "a", image: "ghcr.io/example/a:1.0.0", capacityClass: "on-demand" };

  it("secretEnv becomes secretKeyRef entries next to plain env, sorted, with no value in the object", async () => {
    const run = await runWithConfig({
      profile: "dev",
      layers: [{ ...layer, env: { LOG_LEVEL: "info" }, secretEnv: { API_KEY: { secret: "api-keys", key: "openai-api-key" } } }],
    });
    assert.ok(run.ok);
    const deployment = resourceOfObject(run.resources, "Deployment", "a", "a").inputs as any;
    assert.deepEqual(deployment.spec.template.spec.containers[0].env, [
      { name: "API_KEY", valueFrom: { secretKeyRef: { name: "api-keys", key: "openai-api-key" } } },
      { name: "LOG_LEVEL", value: "info" },
    ]);
  });

  it("a variable set both in env and secretEnv is rejected with its path", async () => {
    const run = await runWithConfig({
      profile: "dev",
      layers: [{ ...layer, env: { API_KEY: "x" }, secretEnv: { API_KEY: { secret: "api-keys", key: "k" } } }],
    });
    assert.equal(run.ok, false);
    assert.deepEqual(!run.ok && run.issues.map((i) => i.path), ["layers[0].secretEnv.API_KEY"]);
    assert.equal(run.resources.length, 0);
  });

  it("a Secret name that is not a DNS subdomain is rejected", async () => {
    const run = await runWithConfig({ profile: "dev", layers: [{ ...layer, secretEnv: { K: { secret: "Bad_Name", key: "k" } } }] });
    assert.equal(run.ok, false);
    assert.match(!run.ok ? run.issues[0].path : "", /^layers\[0\]\.secretEnv\.K\.secret$/);
  });
});
