import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { defaultPolicyConfig, loadPolicyConfig, stackPolicyConfigPath, type DefaultPolicyConfig } from "../cli/policy-config";
import { strata } from "./cli-support";
import { PROJECT_DIR, testLayer } from "./harness";

/**
 * Which pack config `strata check` uses without --policy-config: the stack's own file, else its profile's as
 * the capabilities declare it (a new prod-profile stack gets prod's levels, exemptions and Helm allow-list,
 * whether or not the project holds policies/config/prod.json), else none (every rule mandatory).
 */

describe("strata check: the pack config a stack gets by default", function () {
  this.timeout(120_000);
  let dir: string;
  const check = (stack: string) => strata(["-C", dir, "check", "--stack", stack, "--json"]);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-pack-default-"));
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(dir, "policies", "config"), { recursive: true });
    fs.copyFileSync(stackPolicyConfigPath(PROJECT_DIR, "prod"), stackPolicyConfigPath(dir, "prod"));
    const layers = [testLayer("front", { peers: ["back"] }), testLayer("back")];
    fs.writeFileSync(path.join(dir, "Pulumi.team-prod.yaml"), stringify({ config: { "strata:profile": "prod", "strata:layers": layers, "strata:mesh": { gateway: { edgeLayer: "front" } } } }));
    fs.writeFileSync(path.join(dir, "Pulumi.team-dev.yaml"), stringify({ config: { "strata:profile": "dev", "strata:layers": layers, "strata:mesh": { gateway: { edgeLayer: "front" } } } }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a stack without its own file gets its profile's: prod's exemptions and chart allow-list apply, exit 0, and stderr says which file", async () => {
    const r = await check("team-prod");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^strata check: no policy config at .*team-prod\\.json: using the prod profile's, .*prod\\.json$`, "m"));
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.violations, []);
    assert.ok(report.exemptions.some((e: { namespace: string }) => e.namespace === "istio-cni"), "prod's istio-cni exemption");
  });

  it("no file for the stack nor its profile in the project: the profile's, generated from the capabilities (dev's levels, exemptions and allow-list), exit 0", async () => {
    assert.ok(!fs.existsSync(stackPolicyConfigPath(dir, "dev")));
    const r = await check("team-dev");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^strata check: no policy config at .*team-dev\.json: using the dev profile's, generated from the capabilities as in policies\/config\/dev\.json$/m);
    const report = JSON.parse(r.stdout);
    assert.ok(report.exemptions.some((e: { namespace: string }) => e.namespace === "istio-cni"), "dev's istio-cni exemption");
    // dev's level: the public EKS endpoint is advisory.
    assert.ok(report.violations.every((v: { enforcement: string }) => v.enforcement === "advisory"), JSON.stringify(report.violations));
  });

  it("a stack without a profile gets no pack config at all: every rule mandatory, no exemptions", () => {
    const byDefault: DefaultPolicyConfig = defaultPolicyConfig(dir, "team-none", undefined);
    const loaded = loadPolicyConfig(byDefault.file, byDefault.generated);
    assert.deepEqual(byDefault, { note: `no policy config at ${stackPolicyConfigPath(dir, "team-none")}: every rule is mandatory, no exemptions` });
    assert.ok(loaded.ok);
    for (const settings of loaded.settings.values()) assert.deepEqual(settings, { enforcementLevel: "mandatory", options: { exemptions: [] } });
  });

  it("the stack's own file wins over its profile's (its missing chart allow-list fails the check, as prod's would not)", async () => {
    fs.writeFileSync(stackPolicyConfigPath(dir, "team-prod"), JSON.stringify({ "network-service-exposure": "advisory" }));
    try {
      const r = await check("team-prod");
      assert.doesNotMatch(r.stderr, /no policy config/);
      assert.equal(r.status, 3, r.stderr);
    } finally {
      fs.rmSync(stackPolicyConfigPath(dir, "team-prod"));
    }
  });
});
