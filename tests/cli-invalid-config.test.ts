import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import type { ConfigIssue } from "../config";
import { validateStackConfig } from "../stack";
import { asStackConfig, PROJECT_DIR, testLayer } from "./harness";
import { strata as cli, type CliResult } from "./cli-support";
import { EXISTING_SERVICES } from "./cluster-support";

/**
 * `strata check` on a stack whose config is invalid, run as a user would (in this process, as the built CLI
 * runs it), against a throwaway project directory holding Pulumi.yaml and a Pulumi.bad.yaml.
 */

function strata(projectDir: string, ...args: string[]): Promise<CliResult> {
  return cli(["-C", projectDir, ...args]);
}

/** A throwaway project: this project's Pulumi.yaml and a Pulumi.bad.yaml with the given config. */
function projectWith(config: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-cli-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const prefixed = Object.fromEntries(Object.entries(asStackConfig(config)).map(([k, v]) => [`strata:${k}`, v]));
  fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), stringify({ config: prefixed }));
  return dir;
}

/** Lines that look like a JavaScript stack trace. */
const traceLines = (text: string) => text.split("\n").filter((line) => /^\s+at /.test(line));

interface CliCase {
  title: string;
  config: Record<string, unknown>;
  /** The key paths the CLI must report, no more. */
  paths: string[];
}

const cases: CliCase[] = [
  {
    title: "one layer with a wrong type, a `latest` image and an unknown capacity class",
    config: { profile: "dev", layers: [testLayer("a", { replicas: "three", image: "nginx:latest", capacityClass: "preemptible" })] },
    paths: ["layers[0].replicas", "layers[0].image", "layers[0].capacityClass"],
  },
  {
    title: "no profile and an unknown top-level key",
    config: { layer: [testLayer("a")] },
    paths: ["profile", "layer"],
  },
  {
    title: "problems across layers: a duplicate name, a missing peer, a quota below the peak",
    config: {
      profile: "prod",
      layers: [testLayer("a", { peers: ["ghost"] }), testLayer("b", { autoscaling: { maxReplicas: 9 }, quota: { pods: 4 } }), testLayer("a")],
    },
    paths: ["layers[0].peers[0]", "layers[1].quota.pods", "layers[2].name"],
  },
  {
    title: "egress: an IP address, a wildcard on a public suffix, plain text in prod",
    config: { profile: "prod", layers: [testLayer("a", { egress: [{ host: "198.51.100.4" }, { host: "*.co.uk" }, { host: "legacy.example.com", protocol: "HTTP" }] })] },
    paths: ["layers[0].egress[0].host", "layers[0].egress[1].host", "layers[0].egress[2].protocol"],
  },
  {
    title: "cluster: no zones, a spot group with one instance type, an unknown instance family",
    config: { profile: "prod", cluster: { availabilityZones: [], autoscaling: { mode: "none" }, nodeGroups: { spot: { instanceTypes: ["m6i.large"] }, system: { instanceTypes: ["zz1.large"] } } } },
    paths: ["cluster.availabilityZones", "cluster.nodeGroups.spot.instanceTypes", "cluster.nodeGroups.system.instanceTypes[0]"],
  },
  {
    title: "cluster: existing mode without a kubeconfig or context",
    config: {
      profile: "dev",
      cluster: {
        mode: "existing",
        name: "team",
        oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/A",
        oidcProviderUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/A",
        vpcCidr: "10.20.0.0/16",
        buckets: { backups: "team-b", metrics: "team-m", postgres: "team-p" },
      },
      ...EXISTING_SERVICES,
      postgres: { backups: { roleArn: "arn:aws:iam::123456789012:role/team-pgbackrest", region: "eu-west-1" } },
    },
    paths: ["cluster.kubeconfig"],
  },
];

describe("strata check on invalid stack config", function () {
  const dirs: string[] = [];

  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    describe(c.title, () => {
      let issues: ConfigIssue[];
      let json: CliResult;

      before(async function () {
        this.timeout(120_000);
        // What the validator says: the CLI must print exactly this, each problem once.
        const result = validateStackConfig(asStackConfig(c.config));
        assert.equal(result.ok, false, "the case's config is valid");
        issues = result.ok ? [] : result.issues;
        assert.deepEqual(issues.map((i) => i.path).sort(), [...c.paths].sort(), `the validator reports other paths: ${JSON.stringify(issues)}`);
        const dir = projectWith(c.config);
        dirs.push(dir);
        json = await strata(dir, "check", "--stack", "bad", "--json");
      });

      it("exits 2, with no stack trace on stderr", () => {
        assert.equal(json.code, 2, json.stderr);
        assert.deepEqual(traceLines(json.stderr), [], json.stderr);
      });

      it("lists every problem on stderr as strata:<path>: <message>", () => {
        for (const i of issues) {
          assert.ok(json.stderr.includes(`strata:${i.path}: ${i.message}`), `stderr lacks strata:${i.path}: ${i.message}\n${json.stderr}`);
        }
        const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
        assert.match(json.stderr, new RegExp(`^strata check: stack bad: invalid stack config \\(${count}\\):$`, "m"));
        assert.match(json.stderr, /nothing was registered \(0 resources\)/);
      });

      it("--json prints { stack, configErrors, resources: [] } on stdout", () => {
        const report = JSON.parse(json.stdout);
        assert.deepEqual(Object.keys(report).sort(), ["configErrors", "resources", "stack"]);
        assert.equal(report.stack, "bad");
        assert.deepEqual(report.resources, []);
        assert.deepEqual(
          report.configErrors,
          issues.map((i) => ({ key: `strata:${i.path}`, message: i.message })),
        );
      });
    });
  }

  it("without --json: stdout stays empty, stderr holds the listing, exit 2", async function () {
    this.timeout(60_000);
    const dir = projectWith(cases[0].config);
    dirs.push(dir);
    const run = await strata(dir, "check", "--stack", "bad");
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, "");
    for (const p of cases[0].paths) assert.match(run.stderr, new RegExp(`^  - strata:${p.replace(/[[\].]/g, "\\$&")}: \\S`, "m"));
    assert.deepEqual(traceLines(run.stderr), []);
  });

  it("an unknown stack exits 1 with a one-line message", async function () {
    this.timeout(60_000);
    const dir = projectWith(cases[0].config);
    dirs.push(dir);
    const run = await strata(dir, "check", "--stack", "nope");
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, "");
    const lines = run.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], /^strata: no stack "nope"/);
    assert.match(lines[0], /stacks: bad/);
  });
});
