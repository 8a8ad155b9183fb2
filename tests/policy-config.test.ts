import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePolicies } from "../policies/engine/evaluate";
import { crossGuardConfigSchema, EXEMPTION_REASON_REQUIRED, resolvePackConfig, ruleOptionsFrom, type PackSettings } from "../policies/engine/pack-config";
import { objectSubject } from "../policies/engine/subject";
import { POLICY_RULES, ruleNamed } from "../policies/rules";
import { POD_SECURITY_EXEMPTION_ANNOTATION } from "../manifests/namespace-exemption";
import type { ChartPin as AllowedChart } from "../policies/engine/rule";
import { CAPABILITIES } from "../capabilities/registry";
import type { ChartPin } from "../platform/pins";
import { packConfig as generatedPackConfig } from "../stack/pack-config";
import { stackSpec } from "./graph-support";
import { HELM_RELEASE_TYPE, kubernetesObjects, objectsOfKind, PROJECT_DIR, stackRun, STACKS } from "./harness";
import { namespace, object } from "./policy-support";

function settingsOf(raw: unknown): PackSettings {
  const result = resolvePackConfig(raw, POLICY_RULES);
  if (!result.ok) assert.fail(JSON.stringify(result.issues));
  return result.settings;
}

function packConfig(stack: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policies", "config", `${stack}.json`), "utf8"));
}

/** How the allow-list names a pinned chart: an OCI chart by its full reference, an https one by repository and name. */
function allowListEntry(pin: ChartPin): AllowedChart {
  return pin.repo.startsWith("oci://")
    ? { chart: `${pin.repo.replace(/\/+$/, "")}/${pin.name}`, version: pin.version }
    : { chart: pin.name, repository: pin.repo.replace(/\/+$/, ""), version: pin.version };
}

function issuesOf(raw: unknown) {
  const result = resolvePackConfig(raw, POLICY_RULES);
  assert.equal(result.ok, false, "the config should have been rejected");
  return (result as { issues: { path: string; message: string }[] }).issues;
}

describe("policy pack config", () => {
  it("rule names are unique and never 'all' (CrossGuard reserves it)", () => {
    const names = POLICY_RULES.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(!names.includes("all"));
  });

  it("no config: every rule mandatory, no exemptions", () => {
    const settings = settingsOf(undefined);
    assert.equal(settings.size, POLICY_RULES.length);
    for (const rule of POLICY_RULES) assert.deepEqual(settings.get(rule.name), { enforcementLevel: "mandatory", options: { exemptions: [] } });
  });

  it("'all' sets every level, a rule's own level (shorthand or object) overrides it", () => {
    const settings = settingsOf({ all: "advisory", "pss-privileged": "mandatory", "network-default-deny": { enforcementLevel: "disabled" } });
    assert.equal(settings.get("pss-host-ports")!.enforcementLevel, "advisory");
    assert.equal(settings.get("pss-privileged")!.enforcementLevel, "mandatory");
    assert.equal(settings.get("network-default-deny")!.enforcementLevel, "disabled");
  });

  it("rule options: exemptions, the Pod Security version, the Helm allow-list", () => {
    const settings = settingsOf({
      "pss-sysctls": { version: "v1.29", exemptions: [{ namespace: "tools", reason: "legacy batch jobs tune the network stack" }] },
      "supply-chain-helm-allowlist": { allowedCharts: [{ chart: "velero", repository: "https://vmware-tanzu.github.io/helm-charts", version: "12.1.0" }] },
    });
    assert.deepEqual(settings.get("pss-sysctls")!.options, { version: "v1.29", exemptions: [{ namespace: "tools", reason: "legacy batch jobs tune the network stack" }] });
    assert.equal(settings.get("supply-chain-helm-allowlist")!.options.allowedCharts![0].chart, "velero");
  });

  it("an exemption without a reason, or with a blank one, is rejected with a clear message", () => {
    const issues = issuesOf({ "pss-privileged": { exemptions: [{ namespace: "a" }, { namespace: "b", reason: "   " }] } });
    assert.deepEqual(issues, [
      { path: "pss-privileged.exemptions[0].reason", message: `${EXEMPTION_REASON_REQUIRED} (got nothing)` },
      { path: "pss-privileged.exemptions[1].reason", message: `${EXEMPTION_REASON_REQUIRED} (got "   ")` },
    ]);
  });

  it("unknown rules and options, invalid levels, versions and chart versions are rejected with their paths", () => {
    const issues = issuesOf({
      "pss-privilegd": "mandatory",
      "network-default-deny": { enforcementLevel: "warn", version: "v1.34" },
      "pss-sysctls": { version: "1.34" },
      "supply-chain-helm-allowlist": { allowedCharts: [{ chart: "x", version: "~1.0" }] },
    });
    const paths = issues.map((i) => `${i.path}: ${i.message}`);
    assert.ok(paths.includes('pss-privilegd: unknown key (did you mean "pss-privileged"?)'), paths.join("\n"));
    assert.ok(paths.some((p) => p.startsWith("network-default-deny.enforcementLevel: ")), paths.join("\n"));
    assert.ok(paths.some((p) => p.startsWith("network-default-deny.version: unknown key")), paths.join("\n"));
    assert.ok(paths.includes('pss-sysctls.version: expected "latest" or "v1.<minor>", e.g. "v1.34" (got "1.34")'), paths.join("\n"));
    assert.ok(paths.includes('supply-chain-helm-allowlist.allowedCharts[0].version: an exact version, e.g. 1.2.0 (no ranges) (got "~1.0")'), paths.join("\n"));
  });

  for (const stack of STACKS) {
    it(`policies/config/${stack}.json is valid; its exemptions carry reasons and it allow-lists Helm charts`, () => {
      const raw = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policies", "config", `${stack}.json`), "utf8"));
      const settings = settingsOf(raw);
      const exemptions = [...settings.values()].flatMap((s) => s.options.exemptions);
      assert.ok(exemptions.length > 0);
      for (const e of exemptions) assert.ok(e.reason.length > 20, `${e.namespace}: a reason worth reading`);
      assert.ok(settings.get("supply-chain-helm-allowlist")!.options.allowedCharts!.length > 0);
    });

    it(`policies/config/${stack}.json is what the capabilities declare (strata pack-config --profile ${stack}), byte for byte`, () => {
      const file = fs.readFileSync(path.join(PROJECT_DIR, "policies", "config", `${stack}.json`), "utf8");
      assert.equal(file, `${JSON.stringify(generatedPackConfig(stack), null, 2)}\n`, "regenerate it: npx strata pack-config --profile " + stack + " > policies/config/" + stack + ".json");
    });

    it(`policies/config/${stack}.json allow-lists exactly the charts the capabilities pin, at their versions, each installed by some stack`, async () => {
      const settings = settingsOf(packConfig(stack));
      const key = (c: AllowedChart) => `${c.repository ?? ""} ${c.chart} ${c.version}`;
      const allowed = settings.get("supply-chain-helm-allowlist")!.options.allowedCharts!.map(key).sort();
      assert.deepEqual(allowed, CAPABILITIES.flatMap((c) => c.charts).map(allowListEntry).map(key).sort());
      // Independently of the declarations: the releases dev, prod, a GPU stack and a public edge with cert-manager and external-dns (hdr) register are exactly these charts.
      const releases = (await Promise.all(["dev", "prod", "ideation-engine", "hdr"].map((s) => stackRun(s)))).flatMap((run) => run.resources.filter((r) => r.type === HELM_RELEASE_TYPE));
      const installed = new Set(releases.map((r) => key({ chart: String(r.inputs.chart), repository: (r.inputs.repositoryOpts as { repo?: string } | undefined)?.repo?.replace(/\/+$/, ""), version: String(r.inputs.version) })));
      assert.deepEqual([...installed].sort(), allowed);
    });

    it(`policies/config/${stack}.json exempts only namespaces a capability owns, never an application layer's`, async () => {
      const settings = settingsOf(packConfig(stack));
      const defined = new Set<string>(CAPABILITIES.flatMap((c) => c.namespaces.map((n) => n.name)));
      const layers = new Set(stackSpec(stack).layers.map((l) => l.name));
      for (const [rule, s] of settings) {
        for (const e of s.options.exemptions) {
          assert.ok(defined.has(e.namespace), `${rule}: exempts ${e.namespace}, which no capability owns`);
          assert.ok(!layers.has(e.namespace), `${rule}: exempts the application namespace ${e.namespace}`);
        }
      }
      // The namespaces the stack leaves below restricted are among the exemptions (each with its reason on it too).
      const exempted = new Set(settings.get("namespace-restricted-pod-security")!.options.exemptions.map((e) => e.namespace));
      const relaxed = objectsOfKind(kubernetesObjects((await stackRun(stack)).resources), "Namespace").filter((n) => n.metadata.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted");
      assert.ok(relaxed.length > 0);
      for (const n of relaxed) {
        assert.ok(exempted.has(n.metadata.name!), `${n.metadata.name} is not restricted and not exempted`);
        assert.ok(n.metadata.annotations?.[POD_SECURITY_EXEMPTION_ANNOTATION], `${n.metadata.name} carries no reason`);
      }
    });
  }

  it("prod enforces every rule; dev relaxes only prod-only rules to advisory", () => {
    const prod = settingsOf(JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policies/config/prod.json"), "utf8")));
    const dev = settingsOf(JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "policies/config/dev.json"), "utf8")));
    for (const rule of POLICY_RULES) assert.equal(prod.get(rule.name)!.enforcementLevel, "mandatory", rule.name);
    const advisoryInDev = POLICY_RULES.filter((r) => dev.get(r.name)!.enforcementLevel === "advisory").map((r) => r.name);
    assert.deepEqual(advisoryInDev.sort(), ["aws-eks-private-endpoint", "mesh-no-mtls-downgrade", "mesh-strict-mtls", "network-public-alb-waf", "network-public-certificate-issuer", "network-public-edge-tls"]);
  });

  it("CrossGuard configSchemas come from the same schema (exemptions for all; version, allowedCharts where taken)", () => {
    const pss = crossGuardConfigSchema(ruleNamed("pss-sysctls")!);
    assert.deepEqual(Object.keys(pss.properties).sort(), ["exemptions", "version"]);
    assert.deepEqual((pss.properties.exemptions as { items: { required: string[] } }).items.required.sort(), ["namespace", "reason"]);
    assert.deepEqual(Object.keys(crossGuardConfigSchema(ruleNamed("supply-chain-helm-allowlist")!).properties).sort(), ["allowedCharts", "exemptions"]);
    for (const rule of POLICY_RULES) assert.ok(!("enforcementLevel" in crossGuardConfigSchema(rule).properties), rule.name);
    assert.deepEqual(ruleOptionsFrom(ruleNamed("pss-sysctls")!, { version: "latest" }), { version: "latest", exemptions: [] });
  });

  describe("evaluation", () => {
    const privileged = object("v1", "Pod", "tools", "p", { spec: { containers: [{ name: "c", image: "x:1", securityContext: { privileged: true } }] } });
    const subjects = [namespace("tools", { "pod-security.kubernetes.io/enforce": "baseline" }), privileged].map((o) => objectSubject(o));

    it("an exemption sets its namespace's findings aside and is reported with its reason and count", () => {
      const settings = settingsOf({ all: "disabled", "pss-privileged": { enforcementLevel: "mandatory", exemptions: [{ namespace: "tools", reason: "debug pods" }] } });
      const report = evaluatePolicies(subjects, POLICY_RULES, settings);
      assert.deepEqual(report.violations, []);
      assert.deepEqual(report.exemptions, [{ rule: "pss-privileged", namespace: "tools", reason: "debug pods", suppressed: 1 }]);
    });

    it("advisory rules report at their level; disabled ones not at all", () => {
      const settings = settingsOf({ all: "disabled", "pss-privileged": "advisory" });
      const report = evaluatePolicies(subjects, POLICY_RULES, settings);
      assert.deepEqual(report.violations, [
        { rule: "pss-privileged", enforcement: "advisory", kind: "Pod", namespace: "tools", name: "p", message: 'container "c" must not set securityContext.privileged=true', type: "v1/Pod" },
      ]);
    });

    it("the level override judges a baseline namespace at restricted", () => {
      const settings = settingsOf({ all: "disabled", "pss-run-as-non-root": "mandatory" });
      assert.equal(evaluatePolicies(subjects, POLICY_RULES, settings).violations.length, 0);
      assert.equal(evaluatePolicies(subjects, POLICY_RULES, settings, { level: "restricted" }).violations.length, 1);
    });
  });
});
