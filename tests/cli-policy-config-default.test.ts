import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { defaultPolicyConfig, loadPolicyConfig, profilePolicyConfigPath, type DefaultPolicyConfig } from "../cli/policy-config";
import { strata } from "./cli-support";
import { PROJECT_DIR, testLayer } from "./harness";

/**
 * Which pack config `strata check` uses without --policy-config: the stack profile's, whatever the stack's
 * name (a stack called dev with profile prod gets prod's levels, exemptions and Helm allow-list), as the
 * capabilities declare it (what policies/config/<profile>.json holds, whether or not the project has that
 * file), else none (every rule mandatory). The command line runs in this process (tests/cli-support.ts; the
 * built CLI's wiring of `check` is tests/cli-wiring.test.ts's).
 */

describe("strata check: the pack config a stack gets by default, by its profile (the command line)", function () {
  this.timeout(180_000);
  let dir: string;
  const check = (stack: string) => strata(["-C", dir, "check", "--stack", stack, "--json"]);
  const layers = [testLayer("front", { peers: ["back"] }), testLayer("back")];
  const stackFile = (profile: string) => stringify({ config: { "strata:profile": profile, "strata:replaceDefaults": ["layers"], "strata:layers": layers, "strata:mesh": { gateway: { edgeLayer: "front" } } } });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-pack-default-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(dir, "policies", "config"), { recursive: true });
    fs.copyFileSync(profilePolicyConfigPath(PROJECT_DIR, "prod"), profilePolicyConfigPath(dir, "prod"));
    // A dev profile's config that would let anything through, so that reading it instead of prod's shows.
    fs.writeFileSync(profilePolicyConfigPath(dir, "dev"), JSON.stringify({ all: "disabled" }));
    fs.writeFileSync(path.join(dir, "Pulumi.team-prod.yaml"), stackFile("prod"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile("prod"));
    fs.writeFileSync(path.join(dir, "Pulumi.team-dev.yaml"), stackFile("dev"));
    fs.writeFileSync(path.join(dir, "Pulumi.team-test.yaml"), stackFile("test-profile-absent"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a stack gets its profile's file: prod's exemptions and chart allow-list apply, exit 0, nothing said", async () => {
    const r = await check("team-prod");
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /policy config/);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.violations, []);
    assert.ok(report.exemptions.some((e: { kind: string; name: string }) => e.kind === "Namespace" && e.name === "istio-cni"), "prod's istio-cni exemption");
  });

  it("a stack named dev whose profile is prod is judged by prod's config, not dev's, and stderr says dev.json is not read", async () => {
    const r = await check("dev");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^strata check: .*policies\/config\/dev\.json is not read \(pack configs are chosen by the stack's profile; give --policy-config to use it\); using the prod profile's, generated from the capabilities as in policies\/config\/prod\.json$/m);
    const report = JSON.parse(r.stdout);
    // prod's rules ran, with prod's exemptions (dev.json here disables every rule: it would list none).
    assert.ok(report.exemptions.some((e: { kind: string; name: string }) => e.kind === "Namespace" && e.name === "istio-cni"), "prod's istio-cni exemption");
  });

  it("a profile's file that differs from what the capabilities declare is not read (the Pulumi CLI would judge differently), and stderr says so", async () => {
    const r = await check("team-dev");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^strata check: .*policies\/config\/dev\.json differs from what the capabilities declare and is not read \(regenerate it with `strata pack-config --profile dev`, or give --policy-config to use it\); using the dev profile's, generated from the capabilities as in policies\/config\/dev\.json$/m);
    const report = JSON.parse(r.stdout);
    assert.ok(report.exemptions.some((e: { kind: string; name: string }) => e.kind === "Namespace" && e.name === "istio-cni"), "dev's istio-cni exemption");
    // dev's level: the public EKS endpoint is advisory.
    assert.ok(report.violations.every((v: { enforcement: string }) => v.enforcement === "advisory"), JSON.stringify(report.violations));
  });

  it("a stack without a profile gets no pack config at all: every rule mandatory, no exemptions", () => {
    const byDefault: DefaultPolicyConfig = defaultPolicyConfig(dir, "team-none", undefined);
    const loaded = loadPolicyConfig(undefined, byDefault.generated);
    assert.deepEqual(byDefault, { note: "the stack names no profile: every rule is mandatory, no exemptions" });
    assert.ok(loaded.ok);
    for (const settings of loaded.settings.values()) assert.deepEqual(settings, { enforcementLevel: "mandatory", options: { exemptions: [] } });
  });

  it("--policy-config names the file outright: the same stack with dev.json runs no rule", async () => {
    const r = await strata(["-C", dir, "check", "--stack", "dev", "--json", "--policy-config", profilePolicyConfigPath(dir, "dev")]);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /is not read/);
    assert.deepEqual(JSON.parse(r.stdout).exemptions, []);
  });

  it("a profile that is no profile: the stack config is rejected (exit 2)", async () => {
    const r = await check("team-test");
    assert.equal(r.status, 2, r.stderr);
  });

  it("no file for the profile in the project: the profile's, generated from the capabilities (prod's exemptions and allow-list), exit 0, and stderr says so", async () => {
    fs.renameSync(profilePolicyConfigPath(dir, "prod"), `${profilePolicyConfigPath(dir, "prod")}.away`);
    try {
      const r = await check("team-prod");
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /^strata check: no policy config for the prod profile at .*prod\.json; using the prod profile's, generated from the capabilities as in policies\/config\/prod\.json$/m);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.violations, []);
      assert.ok(report.exemptions.some((e: { kind: string; name: string }) => e.kind === "Namespace" && e.name === "istio-cni"), "prod's istio-cni exemption");
    } finally {
      fs.renameSync(`${profilePolicyConfigPath(dir, "prod")}.away`, profilePolicyConfigPath(dir, "prod"));
    }
  });
});
