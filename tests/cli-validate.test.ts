import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { strata as cli } from "./cli-support";
import { PROJECT_DIR } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";
import { RESTRICTED_POD } from "./restricted-pod";

const CHART = path.join(PROJECT_DIR, "tests", "fixtures", "manifests", "chart");

/** `strata validate <args>`, in this process as the built CLI runs it. */
function strata(args: string[], input?: string) {
  return cli(["validate", ...args], input);
}

function rulesOf(stdout: string): string[] {
  return JSON.parse(stdout).violations.map((v: { rule: string; kind: string; name: string }) => `${v.rule} ${v.kind}/${v.name}`);
}

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
    const probe = RESTRICTED_POD.replace("      resources:", "      readinessProbe: { httpGet: { host: 10.0.0.1, port: 80 } }\n      resources:");
    assert.deepEqual(rulesOf((await strata(["-", "--json", "--pss-version", "v1.33"], probe)).stdout), []);
    assert.deepEqual(rulesOf((await strata(["-", "--json", "--pss-version", "v1.34"], probe)).stdout), ["pss-host-probes-and-host-lifecycle Pod/p"]);
  });

  it("a compliant object exits 0; the text report counts objects and violations", async () => {
    const { code, stdout } = await strata(["-"], RESTRICTED_POD);
    assert.equal(code, 0);
    assert.match(stdout, /^1 objects\npolicy violations: 0 \(0 mandatory, 0 advisory\)$/m);
  });

  it("a policy config's exemption sets its object aside and says so with its reason", async () => {
    const config = path.join(fs.mkdtempSync(path.join(require("node:os").tmpdir(), "strata-validate-")), "pack.json");
    fs.writeFileSync(config, JSON.stringify({ "pss-host-ports": { exemptions: [{ kind: "DaemonSet", namespace: "vendor", name: "agent", reason: "the agent serves node metrics on the host" }] } }));
    const { stdout, stderr } = await strata([CHART, "--json", "--policy-config", config]);
    assert.ok(!rulesOf(stdout).includes("pss-host-ports DaemonSet/agent"));
    assert.match(stderr, /^exempt: pss-host-ports for DaemonSet vendor\/agent \(1 set aside\): the agent serves node metrics on the host$/m);
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
    const typo = RESTRICTED_POD.replace("  containers:", "  restartPolicyy: Always\n  containers:");
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

  describe("CustomResourceDefinitions (what `helm template` of an operator's chart prints)", () => {
    const crd = (extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) =>
      JSON.stringify({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: "widgets.example.com" },
        spec: {
          group: "example.com",
          names: { kind: "Widget", plural: "widgets", singular: "widget", listKind: "WidgetList" },
          scope: "Namespaced",
          versions: [
            {
              name: "v1",
              served: true,
              storage: true,
              additionalPrinterColumns: [{ name: "Size", type: "integer", jsonPath: ".spec.size", description: "How big" }],
              schema: {
                openAPIV3Schema: {
                  type: "object",
                  description: "A widget.",
                  properties: {
                    spec: {
                      type: "object",
                      description: "What it is.",
                      "x-kubernetes-validations": [{ rule: "self.size >= 0", message: "no negative size", reason: "FieldValueInvalid" }],
                      properties: {
                        size: { type: "integer", description: "How big.", "x-kubernetes-int-or-string": false },
                        items: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], items: { type: "object", properties: { name: { type: "string" } } } },
                        labels: { type: "object", "x-kubernetes-map-type": "granular", additionalProperties: { type: "string" } },
                        raw: { type: "object", "x-kubernetes-preserve-unknown-fields": true, "x-kubernetes-embedded-resource": true },
                        ...node,
                      },
                    },
                  },
                },
              },
            },
          ],
          ...extra,
        },
      });

    it("its schema's descriptions and x-kubernetes-* extensions are fields of the API, not unknown ones: no error, exit 0", async () => {
      const { code, stdout, stderr } = await strata(["-", "--json"], crd());
      assert.equal(code, 0, stderr);
      assert.deepEqual(JSON.parse(stdout).schemaErrors, []);
    });

    it("a field the API does not have, and an extension of the wrong shape, are still errors", async () => {
      const { code, stdout } = await strata(["-", "--json"], crd({ bogus: true }, { bad: { type: "array", "x-kubernetes-list-type": "bag", "x-kubernetes-validations": [{ message: "no rule" }] } }));
      assert.equal(code, 1);
      const errors = (JSON.parse(stdout).schemaErrors as { path: string; message: string }[]).map((e) => `${e.path}: ${e.message}`);
      assert.ok(errors.includes('/spec/bogus: unknown field "bogus"'), errors.join("\n"));
      assert.ok(errors.some((e) => e.startsWith("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/bad/x-kubernetes-list-type: x-kubernetes-list-type: ")), errors.join("\n"));
      assert.ok(errors.some((e) => e.startsWith("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/bad/x-kubernetes-validations: x-kubernetes-validations: 0.rule: ")), errors.join("\n"));
      assert.equal(errors.length, 3, errors.join("\n"));
    });

    it("upstream CRDs validate with no error: Istio's (CEL rules everywhere) and Flagger's (its YAML quoting, which only Kubernetes' parser reads)", async function () {
      requireSharedCrds(this);
      // Two operators' files stand for all of ../shared/crds (each takes seconds to read; all of them, a minute).
      for (const operator of ["istio", "flagger"]) {
        const { code, stdout, stderr } = await strata([path.join(SHARED_CRDS, operator), "--json"]);
        assert.equal(code, 0, stderr);
        const report = JSON.parse(stdout);
        assert.ok(report.objects >= 3, `${operator}: ${report.objects} objects`);
        assert.deepEqual(report.schemaErrors, [], operator);
      }
    });
  });

  describe("what it reads: nothing is an error, YAML and JSON in any case, symbolic links followed once", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "strata-validate-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("no object is an error (exit 1, said): empty stdin, comments only, a directory without a manifest file", async () => {
      for (const input of ["", "# nothing here\n---\n"]) {
        const r = await strata(["-"], input);
        assert.equal(r.code, 1, JSON.stringify(input));
        assert.match(r.stderr, /^strata validate: <stdin>: no Kubernetes objects: nothing to validate$/m);
      }
      fs.writeFileSync(path.join(dir, "README.md"), "# not a manifest\n");
      fs.writeFileSync(path.join(dir, "values.txt"), "replicas: 2\n");
      const empty = await strata([dir]);
      assert.equal(empty.code, 1);
      assert.match(empty.stderr, /no manifest files \(\.yaml, \.yml or \.json\) in this directory: nothing to validate$/m);
      fs.writeFileSync(path.join(dir, "empty.yaml"), "");
      assert.match((await strata([dir])).stderr, /no Kubernetes objects: nothing to validate$/m);
    });

    it("reads .yaml, .yml and .json files in any case (a JSON object, a JSON List)", async () => {
      const pod = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "a" }, data: {} });
      fs.writeFileSync(path.join(dir, "a.YAML"), RESTRICTED_POD);
      fs.writeFileSync(path.join(dir, "b.Yml"), JSON.stringify(pod("b")));
      fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify(pod("c")));
      fs.writeFileSync(path.join(dir, "d.JSON"), JSON.stringify({ apiVersion: "v1", kind: "List", items: [pod("d1"), pod("d2")] }));
      fs.writeFileSync(path.join(dir, "e.txt"), JSON.stringify(pod("e")));
      const r = await strata([dir, "--json"]);
      assert.equal(JSON.parse(r.stdout).objects, 5, r.stderr);
    });

    it("follows symbolic links to directories and files, and reads a directory reached twice (or through a loop) once", async () => {
      const real = path.join(dir, "real");
      fs.mkdirSync(real);
      fs.writeFileSync(path.join(real, "pod.yaml"), RESTRICTED_POD);
      const tree = path.join(dir, "tree");
      fs.mkdirSync(tree);
      fs.symlinkSync(real, path.join(tree, "linked"));
      fs.symlinkSync(real, path.join(tree, "again"));
      fs.symlinkSync(tree, path.join(tree, "loop"));
      fs.symlinkSync(path.join(real, "pod.yaml"), path.join(tree, "file.yaml"));
      fs.symlinkSync(path.join(dir, "missing"), path.join(tree, "dangling.yaml"));
      const r = await strata([tree, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      // The linked directory once (two links, one place), the linked file once more: two objects.
      assert.equal(JSON.parse(r.stdout).objects, 2);
    });
  });
});
