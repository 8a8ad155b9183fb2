import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { profilePolicyConfigPath } from "../cli/policy-config";
import { stackSubjects } from "../offline/policy-subjects";
import { evaluatePolicies, mandatoryViolations } from "../policies/engine/evaluate";
import { describeExemption } from "../policies/engine/exemption";
import { objectSubject } from "../policies/engine/subject";
import { POLICY_RULES } from "../policies/rules";
import { strata, type CliResult } from "./cli-support";
import { PROJECT_DIR, stackRun, STACKS, testLayer } from "./harness";
import { stackPackSettings } from "./policy-support";

/** The stacks pass their own pack config, and a stack that breaks a rule fails `strata check` naming it. */

describe("policies on the stacks", () => {
  for (const stack of STACKS) {
    it(`${stack}: zero mandatory violations under its pack config (and rules had something to judge)`, async () => {
      const subjects = stackSubjects((await stackRun(stack)).resources);
      assert.ok(subjects.some((s) => s.kind === "Deployment") && subjects.some((s) => s.kind === "NetworkPolicy"));
      const report = evaluatePolicies(subjects, POLICY_RULES, stackPackSettings(stack));
      assert.deepEqual(mandatoryViolations(report), []);
    });

    it(`${stack}: the exemptions set aside exactly: the two node agents' host access (istio-cni, node-exporter), pgBackRest's and the load balancer controller's egress to AWS's public endpoints, and each data namespace's plain-text acceptance`, async () => {
      const subjects = stackSubjects((await stackRun(stack)).resources);
      const settings = stackPackSettings(stack);
      const report = evaluatePolicies(subjects, POLICY_RULES, settings);
      const applied = report.exemptions.filter((e) => e.suppressed > 0).map((e) => `${e.rule} ${describeExemption(e)} ${e.suppressed}`);
      assert.deepEqual(applied.sort(), [
        "mesh-no-mtls-downgrade PeerAuthentication kafka/default 1",
        "mesh-no-mtls-downgrade PeerAuthentication postgres/default 1",
        "mesh-no-mtls-downgrade PeerAuthentication redis/default 1",
        "namespace-restricted-pod-security Namespace istio-cni 1",
        "namespace-restricted-pod-security Namespace node-exporter 1",
        "network-no-wide-open-allow NetworkPolicy aws-load-balancer-controller/allow-egress-aws-https 1",
        "network-no-wide-open-allow NetworkPolicy postgres/allow-egress-aws-https 1",
      ]);
      // Without their exemptions, those two policies are the only findings of the wide-open rule in the whole stack.
      const rule = "network-no-wide-open-allow";
      const without = new Map(settings);
      without.set(rule, { ...settings.get(rule)!, options: { ...settings.get(rule)!.options, exemptions: [] } });
      assert.deepEqual(
        evaluatePolicies(subjects, POLICY_RULES, without).violations.filter((v) => v.rule === rule).map((v) => `${v.namespace}/${v.name}`),
        ["aws-load-balancer-controller/allow-egress-aws-https", "postgres/allow-egress-aws-https"],
      );
    });

    it(`${stack}: one LoadBalancer Service added to the stack is a mandatory violation naming the rules and the Service (outside the gateway's namespace; in prod also internet-facing with no TLS gateway behind it)`, async () => {
      const subjects = stackSubjects((await stackRun(stack)).resources);
      const service = { apiVersion: "v1", kind: "Service", metadata: { name: "public", namespace: "l1-allocation" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } };
      const report = evaluatePolicies([...subjects, objectSubject(service)], POLICY_RULES, stackPackSettings(stack));
      assert.deepEqual(
        mandatoryViolations(report).map((v) => [v.rule, v.kind, v.namespace, v.name]),
        [
          ["network-service-exposure", "Service", "l1-allocation", "public"],
          // Advisory in dev: a public edge without TLS warns there.
          ...(stack === "prod" ? [["network-public-edge-tls", "Service", "l1-allocation", "public"]] : []),
        ],
      );
    });
  }

  describe("strata check on a stack that breaks a rule", function () {
    this.timeout(60_000);
    let dir: string;
    let result: CliResult;
    // A spot layer pinned to one replica passes config validation, but one spot reclaim takes it down.
    const layer = testLayer("solo", { capacityClass: "spot", replicas: 1 });

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-policy-"));
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      fs.writeFileSync(path.join(dir, "Pulumi.spot.yaml"), stringify({ config: { "strata:profile": "dev", "strata:replaceDefaults": ["layers"], "strata:layers": [layer] } }));
      result = await strata(["-C", dir, "check", "--stack", "spot", "--json", "--policy-config", profilePolicyConfigPath(PROJECT_DIR, "dev")]);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 3 and says how many mandatory violations there are", () => {
      assert.equal(result.status, 3, String(result.stderr));
      assert.match(String(result.stderr), /^strata check: stack spot: 1 mandatory policy violation$/m);
    });

    it("--json names the rule and the resource, with its URN", () => {
      const report = JSON.parse(String(result.stdout));
      // The mandatory one; the dev profile's public API endpoint is reported too, as advisory.
      assert.deepEqual(report.violations.filter((v: { enforcement: string }) => v.enforcement === "mandatory"), [
        {
          rule: "placement-spot-resilience",
          enforcement: "mandatory",
          kind: "Deployment",
          namespace: "solo",
          name: "solo",
          message: "runs on spot with 1 replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)",
          type: "kubernetes:apps/v1:Deployment",
          urn: "urn:pulumi:spot::strata::strata:platform:Platform$strata:layers:ApplicationLayer$kubernetes:apps/v1:Deployment::solo/solo",
          // The key that set what the rule judged: the layer's replicas.
          configKey: "strata:layers[0].replicas",
        },
      ]);
      assert.ok(report.exemptions.length > 0 && report.exemptions.every((e: { reason: string }) => e.reason.length > 0));
    });
  });
  describe("a violation in an overlaid default layer names the stack file's key", function () {
    this.timeout(120_000);
    let dir: string;
    // l3-evolution runs on spot; its autoscaler's lower bound follows replicas: 1 pod, one reclaim from down.
    const stackFile = { config: { "strata:profile": "dev", "strata:layers": [{ name: "l3-evolution", replicas: 1 }] } };

    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-policy-overlay-"));
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      fs.writeFileSync(path.join(dir, "Pulumi.lean.yaml"), stringify(stackFile));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("in --json (configKey) and in the text, beside the object: strata:layers[0].replicas, not the composed index 3", async () => {
      const json = await strata(["-C", dir, "check", "--stack", "lean", "--json", "--policy-config", profilePolicyConfigPath(PROJECT_DIR, "dev")]);
      assert.equal(json.status, 3, json.stderr);
      const resilience = (JSON.parse(json.stdout).violations as { rule: string; namespace: string; configKey?: string }[]).filter((v) => v.rule === "placement-spot-resilience");
      assert.ok(resilience.length > 0);
      for (const v of resilience) assert.deepEqual([v.namespace, v.configKey], ["l3-evolution", "strata:layers[0].replicas"]);
      const text = await strata(["-C", dir, "check", "--stack", "lean", "--policy-config", profilePolicyConfigPath(PROJECT_DIR, "dev")]);
      assert.match(text.stdout, /^ {2}mandatory placement-spot-resilience: \S+ l3-evolution\/l3-evolution \(strata:layers\[0\]\.replicas\): /m);
    });
  });
});
