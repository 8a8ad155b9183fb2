import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { CAPABILITIES } from "../capabilities/registry";
import { deploymentOrder } from "../stack/deployment-order";
import { strata } from "./cli-support";
import { PROJECT_DIR } from "./harness";

/**
 * `strata capabilities` and `strata pack-config` on the command line, run in-process (the built CLI runs each
 * once: tests/cli-wiring.test.ts; what they list as capabilities are added: tests/capability-seam.test.ts).
 */

describe("strata capabilities and strata pack-config (the command line)", function () {
  this.timeout(60_000);

  it("capabilities --stack dev --json: every registered capability in deployment order, which dev enables", async () => {
    const r = await strata(["capabilities", "--stack", "dev", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { stack: string; capabilities: { name: string; enabled: boolean; configKey: string | null }[] };
    assert.equal(report.stack, "dev");
    assert.deepEqual(report.capabilities.map((c) => c.name), deploymentOrder(CAPABILITIES).map((c) => c.name));
    const enabled = Object.fromEntries(report.capabilities.map((c) => [c.name, c.enabled]));
    // The default layers use all three data services; dev has no GPU nodes; Karpenter sizes its pools; its gateway is
    // internal (the load balancer controller's NLB), with no certificates or DNS records of Strata's.
    assert.deepEqual(enabled, {
      cluster: true,
      karpenter: true,
      "nvidia-device-plugin": false,
      mesh: true,
      edge: true,
      certificates: false,
      dns: false,
      kafka: true,
      postgres: true,
      redis: true,
      backup: true,
      observability: true,
      secrets: true,
      gitops: true,
      credentials: true,
      "application-layers": true,
    });
    assert.equal(report.capabilities.find((c) => c.name === "nvidia-device-plugin")!.configKey, null);
    // The defaults per profile a capability declares: the mesh runs two istiods in prod, one in dev.
    const meshDefaults = (report.capabilities.find((c) => c.name === "mesh") as unknown as { defaults: Record<string, { istiodReplicas: number }> }).defaults;
    assert.deepEqual([meshDefaults.dev.istiodReplicas, meshDefaults.prod.istiodReplicas], [1, 2]);
    // What each exemption covers, no wider than one object: postgres's two, and the CNI's Namespace.
    type Namespaces = { namespaces: { name: string; exemptions: { rule: string; covers: string }[] }[] };
    const exemptionsOf = (name: string) => (report.capabilities.find((c) => c.name === name) as unknown as Namespaces).namespaces.flatMap((n) => n.exemptions.map((e) => `${e.rule}: ${e.covers}`));
    assert.deepEqual(exemptionsOf("postgres"), ["network-no-wide-open-allow: NetworkPolicy postgres/allow-egress-aws-https", "mesh-no-mtls-downgrade: PeerAuthentication postgres/default"]);
    assert.deepEqual(exemptionsOf("mesh"), ["namespace-restricted-pod-security: Namespace istio-cni", "network-no-wide-open-allow: NetworkPolicy istio-egress/allow-egress-to-declared-hosts"]);
  });

  it("capabilities (text): one entry per capability with its key, charts, CRD groups and namespaces", async () => {
    const r = await strata(["capabilities"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${CAPABILITIES.length} capabilities, in deployment order:$`, "m"));
    assert.match(r.stdout, /^mesh \(strata:mesh\): /m);
    assert.match(r.stdout, /^ {4}charts: base 1\.30\.3 \(https:\/\/istio-release\.storage\.googleapis\.com\/charts\), cni /m);
    assert.match(r.stdout, /^ {4}namespaces: istio-system, istio-cni \(exempt from namespace-restricted-pod-security\), istio-ingress, istio-egress \(exempt from network-no-wide-open-allow\)$/m);
  });

  it("capabilities --stack with an invalid config: exit 2, the key path, no stack trace; an unknown stack: exit 1, one line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-caps-"));
    try {
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), stringify({ config: { "strata:profile": "dev", "strata:mesh": { mtls: "OFF" } } }));
      const bad = await strata(["-C", dir, "capabilities", "--stack", "bad"]);
      assert.equal(bad.status, 2, bad.stderr);
      assert.match(bad.stderr, /strata:mesh\.mtls: /);
      assert.doesNotMatch(bad.stderr, /\n\s+at /);
      const missing = await strata(["-C", dir, "capabilities", "--stack", "nowhere"]);
      assert.equal(missing.status, 1);
      assert.equal(missing.stderr.trim().split("\n").length, 1, missing.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pack-config --profile <p> prints exactly policies/config/<p>.json; an unknown profile is refused", async () => {
    for (const profile of ["dev", "prod"]) {
      const r = await strata(["pack-config", "--profile", profile]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, fs.readFileSync(path.join(PROJECT_DIR, "policies", "config", `${profile}.json`), "utf8"));
    }
    const bad = await strata(["pack-config", "--profile", "staging"]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /Allowed choices are dev, prod/);
    assert.notEqual((await strata(["pack-config"])).status, 0);
  });
});
