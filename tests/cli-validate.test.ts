import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { strata as cli } from "./cli-support";
import { PROJECT_DIR } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

const CHART = path.join(PROJECT_DIR, "tests", "fixtures", "manifests", "chart");

/** `strata validate <args>`, in this process as the built CLI runs it. */
function strata(args: string[], input?: string) {
  return cli(["validate", ...args], input);
}

function rulesOf(stdout: string): string[] {
  return JSON.parse(stdout).violations.map((v: { rule: string; kind: string; name: string }) => `${v.rule} ${v.kind}/${v.name}`);
}

const POD = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: vendor }
spec:
  containers:
    - name: c
      image: registry.example.com/c:1.0.0
      resources: { requests: { cpu: 10m, memory: 8Mi }, limits: { memory: 8Mi } }
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
`;

describe("strata validate", () => {
  it("a directory: every object of every YAML file (multi-doc, lists flattened), judged at its namespace's level", async () => {
    const { code, stdout } = await strata([CHART, "--json"]);
    assert.equal(code, 3);
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.keys(report), ["objects", "violations", "schemaErrors"]);
    assert.equal(report.objects, 3);
    assert.deepEqual(report.schemaErrors, []);
    assert.deepEqual(rulesOf(stdout), [
      "pss-host-ports DaemonSet/agent",
      "namespace-restricted-pod-security Namespace/vendor",
      "network-default-deny Namespace/vendor",
      "network-default-deny Namespace/vendor",
    ]);
    const hostPort = report.violations[0];
    assert.deepEqual(hostPort, { rule: "pss-host-ports", enforcement: "mandatory", kind: "DaemonSet", namespace: "vendor", name: "agent", message: 'container "agent" must not set ports[].hostPort (uses 9100)', type: "apps/v1/DaemonSet" });
  });

  it("--level restricted overrides the namespace's baseline", async () => {
    const rules = rulesOf((await strata([path.join(CHART, "workloads.yaml"), "--json", "--level", "restricted"])).stdout);
    for (const rule of ["pss-allow-privilege-escalation", "pss-run-as-non-root", "pss-seccomp-profile-restricted", "pss-capabilities-restricted"]) {
      assert.ok(rules.includes(`${rule} DaemonSet/agent`), rules.join("\n"));
    }
  });

  it("stdin (-), with --pss-version: a probe host is allowed before v1.34 and not from it", async () => {
    const probe = POD.replace("      resources:", "      readinessProbe: { httpGet: { host: 10.0.0.1, port: 80 } }\n      resources:");
    assert.deepEqual(rulesOf((await strata(["-", "--json", "--pss-version", "v1.33"], probe)).stdout), []);
    assert.deepEqual(rulesOf((await strata(["-", "--json", "--pss-version", "v1.34"], probe)).stdout), ["pss-host-probes-and-host-lifecycle Pod/p"]);
  });

  it("a compliant object exits 0; the text report counts objects and violations", async () => {
    const { code, stdout } = await strata(["-"], POD);
    assert.equal(code, 0);
    assert.match(stdout, /^1 objects\npolicy violations: 0 \(0 mandatory, 0 advisory\)$/m);
  });

  it("a policy config's exemption sets a namespace aside and says so with its reason", async () => {
    const config = path.join(fs.mkdtempSync(path.join(require("node:os").tmpdir(), "strata-validate-")), "pack.json");
    fs.writeFileSync(config, JSON.stringify({ "pss-host-ports": { exemptions: [{ namespace: "vendor", reason: "the agent serves node metrics on the host" }] } }));
    const { stdout, stderr } = await strata([CHART, "--json", "--policy-config", config]);
    assert.ok(!rulesOf(stdout).includes("pss-host-ports DaemonSet/agent"));
    assert.match(stderr, /^exempt: pss-host-ports in namespace vendor \(1 set aside\): the agent serves node metrics on the host$/m);
  });

  it("rejects a bad --pss-version, a bad --level, unreadable input and non-Kubernetes YAML", async () => {
    assert.match((await strata([CHART, "--pss-version", "1.34"])).stderr, /argument '1\.34' is invalid/);
    assert.match((await strata([CHART, "--level", "privileged"])).stderr, /Allowed choices are baseline, restricted/);
    const missing = await strata(["/nonexistent.yaml"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^strata validate: \/nonexistent\.yaml: no such file or directory$/m);
    const notK8s = await strata(["-"], "just: data\n");
    assert.equal(notK8s.code, 1);
    assert.match(notK8s.stderr, /<stdin>: document 1 is not a Kubernetes object/);
  });

  it("schema errors: an unknown field in a core object is listed with its path and exits 1, before any policy verdict", async () => {
    const typo = POD.replace("  containers:", "  restartPolicyy: Always\n  containers:");
    const { code, stdout, stderr } = await strata(["-", "--json"], typo);
    assert.equal(code, 1, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.violations, []);
    assert.equal(report.schemaErrors.length, 1, JSON.stringify(report.schemaErrors));
    assert.deepEqual([report.schemaErrors[0].kind, report.schemaErrors[0].name, report.schemaErrors[0].path], ["Pod", "p", "/spec/restartPolicyy"]);
    assert.match(stderr, /^strata validate: stdin: 1 schema error$/m);
  });

  it("--crds: a custom resource is checked against its CRD (a wrong type fails); without it, it is named as not validated", async function () {
    requireSharedCrds(this);
    const topic = `apiVersion: kafka.strimzi.io/v1
kind: KafkaTopic
metadata: { name: events, namespace: kafka, labels: { strimzi.io/cluster: strata } }
spec: { partitions: "twelve", replicas: 3 }
`;
    const checked = await strata(["-", "--json", "--crds", SHARED_CRDS], topic);
    assert.equal(checked.code, 1, checked.stderr);
    const errors = JSON.parse(checked.stdout).schemaErrors as { kind: string; path: string; message: string }[];
    assert.ok(errors.some((e) => e.kind === "KafkaTopic" && e.path === "/spec/partitions" && /integer/.test(e.message)), JSON.stringify(errors));
    const unchecked = await strata(["-", "--json"], topic);
    assert.equal(unchecked.code, 0, unchecked.stderr);
    assert.match(unchecked.stderr, /custom resources not validated \(no --crds given\): kafka\.strimzi\.io\/v1 KafkaTopic/);
  });
});
