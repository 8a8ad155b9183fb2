import { strict as assert } from "node:assert";
import { strata as cli } from "./cli-support";
import { STACKS } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

const strata = (...args: string[]) => cli(args);

// In this process, as the built CLI runs it (tests/cli-wiring.test.ts runs the built CLI itself).
describe("strata check", function () {
  // Some tests run check two or three times (each a whole program under mocks; with Karpenter's CEL rules, over a minute on a loaded machine).
  this.timeout(180_000);

  it("--preview: the stack as a first pulumi preview sees it passes, unknowns printed as such, objects holding one listed as not validated", async function () {
    this.timeout(120_000);
    const { code, stdout, stderr } = await strata("check", "--stack", "prod", "--json", "--preview");
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.violations, [], "nothing the unknowns leave unjudged, nothing violated");
    const role = report.resources.find((r: { type: string; name: string }) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "postgres-pgbackrest");
    assert.equal(role.inputs.role, "[unknown]");
    const postgres = report.resources.find((r: { type: string }) => r.type.endsWith(":PostgresCluster"));
    assert.equal(postgres.inputs.spec.metadata.annotations["eks.amazonaws.com/role-arn"], "[unknown]");
    assert.equal(report.outputs.backup, "[unknown]");
    assert.match(stderr, /^schema: \d+ objects not validated \(values unknown until apply \(a preview\): validated where they are known, by strata check without --preview\): .*postgres-operator\.crunchydata\.com\/v1beta1 PostgresCluster/m);
  });

  for (const stack of STACKS) {
    it(`${stack}: --json prints one document of the documented shape`, async () => {
      const { code, stdout } = await strata("check", "--stack", stack, "--json");
      assert.equal(code, 0);
      const report = JSON.parse(stdout);
      assert.deepEqual(Object.keys(report).sort(), ["exemptions", "outputs", "resources", "schemaErrors", "stack", "violations"]);
      assert.equal(report.stack, stack);
      // No mandatory violation; dev's public API endpoint (a dev default) is reported as advisory.
      assert.deepEqual(report.violations.filter((v: { enforcement: string }) => v.enforcement === "mandatory"), []);
      assert.deepEqual(
        report.violations.map((v: { rule: string }) => v.rule),
        stack === "dev" ? ["aws-eks-private-endpoint"] : [],
      );
      assert.deepEqual(report.schemaErrors, []);
      assert.ok(report.resources.length > 50);
      for (const r of report.resources) {
        assert.deepEqual(Object.keys(r).sort(), ["dependsOn", "inputs", "name", "parent", "type", "urn"]);
        assert.ok(r.urn.startsWith(`urn:pulumi:${stack}::strata::`), r.urn);
        assert.ok(Array.isArray(r.dependsOn));
        assert.equal(typeof r.inputs, "object");
      }
      assert.equal(report.outputs.profile, stack);
      // URNs as the engine forms them: the root stack is not part of its children's type chain.
      const platform = report.resources.find((r: { type: string }) => r.type === "strata:platform:Platform");
      assert.equal(platform.urn, `urn:pulumi:${stack}::strata::strata:platform:Platform::strata`);
      assert.equal(platform.parent, `urn:pulumi:${stack}::strata::pulumi:pulumi:Stack::strata-${stack}`);
      // ... and a child's type chain holds every ancestor's type (the layers' and Thanos's Deployments).
      const deployments = report.resources.filter((r: { type: string }) => r.type === "kubernetes:apps/v1:Deployment");
      assert.ok(deployments.length > 0);
      for (const deployment of deployments) {
        assert.match(deployment.urn, /::strata:platform:Platform\$strata:(layers:ApplicationLayer|observability:Observability)\$kubernetes:apps\/v1:Deployment::/);
      }
      // Every dependency and parent names a resource of the same report (or the root stack).
      const urns = new Set<string>(report.resources.map((r: { urn: string }) => r.urn));
      for (const r of report.resources) {
        for (const d of r.dependsOn) assert.ok(urns.has(d), `${r.urn} depends on unknown ${d}`);
        if (r.parent && !r.parent.includes("pulumi:pulumi:Stack::")) assert.ok(urns.has(r.parent), `${r.urn} has unknown parent`);
      }
    });

    it(`${stack}: the summary prints resource counts per layer and per type, and the outputs`, async () => {
      const { code, stdout } = await strata("check", "--stack", stack);
      assert.equal(code, 0);
      const json = JSON.parse((await strata("check", "--stack", stack, "--json")).stdout);
      assert.match(stdout, new RegExp(`^stack ${stack}: ${json.resources.length} resources`));
      for (const layer of Object.keys(json.outputs.layers)) assert.match(stdout, new RegExp(`^  ${layer} +\\d+$`, "m"));
      const deployments = json.resources.filter((r: { type: string }) => r.type === "kubernetes:apps/v1:Deployment").length;
      assert.match(stdout, new RegExp(`^  kubernetes:apps/v1:Deployment +${deployments}$`, "m"));
      assert.match(stdout, new RegExp(`^  profile = ${stack}$`, "m"));
    });
  }

  it("validates every object: the summary reports it; with --crds the CRDs are named; a missing CRD directory fails", async function () {
    const plain = await strata("check", "--stack", "dev");
    assert.match(plain.stdout, /^schema: \d+ objects validated against the Kubernetes OpenAPI schemas: 0 errors$/m);
    const missing = await strata("check", "--stack", "dev", "--crds", "/nonexistent/crds");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /CRD directory \/nonexistent\/crds does not exist/);
    requireSharedCrds(this);
    const withCrds = await strata("check", "--stack", "dev", "--crds", SHARED_CRDS);
    assert.equal(withCrds.code, 0, withCrds.stderr);
    assert.match(withCrds.stdout, new RegExp(`^schema: \\d+ objects validated against the Kubernetes OpenAPI schemas and the CRDs in ${SHARED_CRDS}: 0 errors$`, "m"));
  });

  it("config-schema prints the stack file as JSON Schema: strata:-prefixed keys under config, unknown keys forbidden", async () => {
    const { code, stdout } = await strata("config-schema");
    assert.equal(code, 0);
    const config = JSON.parse(stdout).properties.config;
    assert.deepEqual(config.required, ["strata:profile"]);
    assert.deepEqual(config.properties["strata:profile"].enum, ["dev", "prod"]);
    // A layer is a whole entry, an overlay of a default or a removal (docs/configuration.md "Overlays"): none takes an unknown key.
    const layerForms = config.properties["strata:layers"].items.anyOf as { additionalProperties?: unknown }[];
    assert.equal(layerForms.length, 3);
    for (const form of layerForms) assert.equal(form.additionalProperties, false);
  });

  it("a missing --stack is a usage error", async () => {
    const { code, stderr } = await strata("check");
    assert.notEqual(code, 0);
    assert.match(stderr, /--stack/);
  });
});
