import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ShownValue } from "../cli/config-show";
import { strata } from "./cli-support";
import { PROJECT_DIR } from "./harness";
import { tempDir } from "./render-support";

/** `strata config show`: a stack's effective config, each value with its source. */

function project(stackFile: string): string {
  const dir = tempDir("strata-config-show-");
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), stackFile);
  return dir;
}

const STAGING = "config:\n  strata:profile: prod\n  strata:layers:\n    - { name: l5-observability, capacityClass: spot }\n    - { name: l6-ranking, image: ghcr.io/example/ranking:1.0.0, capacityClass: on-demand }\n";

async function shown(args: string[]): Promise<Map<string, ShownValue>> {
  const { code, stdout, stderr } = await strata([...args, "--json"]);
  assert.equal(code, 0, stderr);
  const json = JSON.parse(stdout) as { values: ShownValue[] };
  return new Map(json.values.map((v) => [v.key, v]));
}

describe("strata config show", () => {
  it("prints the composed config of a stack file, one value a line with its source", async () => {
    const { code, stdout } = await strata(["config", "show", "--stack", "prod"]);
    assert.equal(code, 0);
    assert.match(stdout, /^strata:profile: prod +# stack file$/m);
    assert.match(stdout, /^strata:observability\.slo\.availability: 0\.9999 +# stack file$/m);
    // The default layers and the topics and extensions that come with them are shown whole.
    assert.match(stdout, /^strata:layers\[0\]\.name: l0-ingestion +# default$/m);
    assert.match(stdout, /^strata:kafka\.topics\[18\]\.name: rl_rewards +# default$/m);
    assert.match(stdout, /^strata:postgres\.extensions: \["vector"\] +# default$/m);
  });

  it("says which values an overlay changed, and where in the stack file they are", async () => {
    const values = await shown(["-C", project(STAGING), "config", "show", "--stack", "staging"]);
    assert.deepEqual(values.get("strata:layers[5].capacityClass"), { key: "strata:layers[5].capacityClass", value: "spot", source: "stack file", stackKey: "strata:layers[0].capacityClass" });
    assert.deepEqual(values.get("strata:layers[5].image"), { key: "strata:layers[5].image", value: "ghcr.io/stefanprodan/podinfo:6.9.1", source: "default" });
    assert.equal(values.get("strata:layers[6].image")!.source, "stack file");
    assert.equal(values.get("strata:layers[0].capacityClass")!.source, "default");
  });

  it("--resolved: every default applied, the profile's said as such", async () => {
    const values = await shown(["-C", project(STAGING), "config", "show", "--stack", "staging", "--resolved"]);
    assert.equal(values.get("strata:profile")!.source, "stack file");
    // prod's replicas (dev's would be 2), a capability's profile default, a profile-independent default.
    assert.deepEqual(values.get("strata:layers[0].replicas"), { key: "strata:layers[0].replicas", value: 3, source: "profile" });
    assert.deepEqual(values.get("strata:kafka.brokers.replicas"), { key: "strata:kafka.brokers.replicas", value: 3, source: "profile" });
    assert.equal(values.get("strata:layers[0].probes.livenessPath")!.source, "default");
    assert.deepEqual(values.get("strata:layers[5].capacityClass"), { key: "strata:layers[5].capacityClass", value: "spot", source: "stack file", stackKey: "strata:layers[0].capacityClass" });
  });

  it("a value Pulumi.yaml's config: gives (and the stack file does not set) is said to come from Pulumi.yaml", async () => {
    const dir = project(STAGING);
    const projectFile = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    // Pulumi.yaml's own config: block, with one plain default the stack file does not set and one it does.
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${projectFile.replace(/^config:.*\n(?:[ #].*\n|\n)*/m, "")}\nconfig:\n  strata:observability:\n    slo: { availability: 0.995 }\n  strata:profile: dev\n`);
    const values = await shown(["-C", dir, "config", "show", "--stack", "staging"]);
    assert.deepEqual(values.get("strata:observability.slo.availability"), { key: "strata:observability.slo.availability", value: 0.995, source: "Pulumi.yaml" });
    assert.deepEqual(values.get("strata:profile"), { key: "strata:profile", value: "prod", source: "stack file" });
  });

  it("an invalid stack: exit 2 and every problem with its key path", async () => {
    const dir = project("config:\n  strata:profile: prod\n  strata:layers:\n    - { name: l9-ghost, remove: true }\n");
    const { code, stdout, stderr } = await strata(["-C", dir, "config", "show", "--stack", "staging"]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /strata:layers\[0\]\.name: "l9-ghost" is not a default/);
  });
});
