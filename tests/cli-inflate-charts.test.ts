import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { veleroPin } from "../capabilities/backup";
import { istioCharts } from "../capabilities/mesh";
import { inflateCharts, type HelmRelease } from "../cli/chart-inflation";
import { pinnedFixtureCharts, writeChartCache, type FixtureChart } from "./chart-fixtures";
import { strata, type CliResult } from "./cli-support";
import { helm } from "./kube-tools";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * `strata check --inflate-charts`: what the Helm releases install, rendered with the real helm from a chart
 * cache written here (tests/chart-fixtures.ts), validated and judged with the stack in the namespace each
 * release installs into. The cache's kube-prometheus-stack renders kube-state-metrics, Grafana's sidecars
 * and the Thanos sidecar from Strata's values: the stacks pass. A hostile chart in the cache is reported,
 * naming its release; a chart the cache lacks, or has at another version, fails the check.
 * The command line runs in this process (tests/cli-support.ts; the built CLI's wiring of `check` is
 * tests/cli-wiring.test.ts's), so dev's and prod's programs run once for every test here.
 */

/** `strata check <args>` in this process, with the real helm as $STRATA_HELM (or `helmPath`) while it runs. */
async function check(args: string[], helmPath = helm()): Promise<CliResult> {
  const before = process.env.STRATA_HELM;
  process.env.STRATA_HELM = helmPath;
  try {
    return await strata(["check", ...args]);
  } finally {
    if (before === undefined) delete process.env.STRATA_HELM;
    else process.env.STRATA_HELM = before;
  }
}

/** A chart that installs what no stack should: a hostPath DaemonSet without resources, and a Deployment with a misspelt field. */
const HOSTILE: Record<string, string> = {
  "agent.yaml": `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-agent }
spec:
  selector: { matchLabels: { app: node-agent } }
  template:
    metadata: { labels: { app: node-agent } }
    spec:
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      volumes: [{ name: host, hostPath: { path: /var/lib } }]
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`,
  "typo.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: { name: typo }
spec:
  replicass: 2
  selector: { matchLabels: { app: typo } }
  template:
    metadata: { labels: { app: typo } }
    spec: { containers: [{ name: c, image: registry.example.com/c:1.0.0 }] }
`,
};

describe("strata check --inflate-charts (the command line, the real helm, a chart cache written here)", function () {
  this.timeout(600_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-charts-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("a cache with the pinned charts, velero's installing what the policies forbid", () => {
    let hostileCache: string;
    before(() => {
      hostileCache = path.join(dir, "hostile");
      const charts: FixtureChart[] = pinnedFixtureCharts().map((c) => (c.name === "velero" ? { ...c, templates: { ...c.templates, ...HOSTILE } } : c));
      writeChartCache(hostileCache, charts);
    });

    for (const stack of ["dev", "prod"]) {
      it(`${stack}: every release rendered and judged in its namespace; the hostile chart's pod violations and schema error are reported naming its release (exit 1), the stack's own chart values pass`, async function () {
        requireSharedCrds(this);
        const r = await check(["--stack", stack, "--json", "--inflate-charts", "--chart-cache", hostileCache, "--crds", SHARED_CRDS]);
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout);
        // Istio's four, the load balancer controller, Karpenter, the three operators, Velero, kube-prometheus-stack, the adapter and External Secrets.
        assert.equal(report.charts.length, 13);
        assert.ok(report.charts.every((c: { source: string }) => c.source.startsWith(hostileCache)), JSON.stringify(report.charts));
        const kps = report.charts.find((c: { chart: string }) => c.chart === "kube-prometheus-stack");
        assert.deepEqual([kps.release, kps.version, kps.objects], ["monitoring/kube-prometheus-stack", "88.5.3", 3]);
        const release = report.resources.find((res: { type: string; name: string }) => res.type === "kubernetes:helm.sh/v3:Release" && res.name === "backup-velero");
        const mandatory = report.violations.filter((v: { enforcement: string }) => v.enforcement === "mandatory").map((v: { rule: string; kind: string; namespace: string; name: string; urn: string }) => `${v.rule} ${v.kind} ${v.namespace}/${v.name} ${v.urn === release.urn}`);
        for (const expected of ["pss-host-path-volumes DaemonSet velero/node-agent true", "pss-restricted-volumes DaemonSet velero/node-agent true", "supply-chain-container-resources DaemonSet velero/node-agent true", "pss-run-as-non-root Deployment velero/typo true"]) {
          assert.ok(mandatory.includes(expected), `${expected} not in\n${mandatory.join("\n")}`);
        }
        // kube-state-metrics, Grafana's sidecars and the Thanos sidecar get their resources and contexts from Strata's values.
        assert.deepEqual(mandatory.filter((v: string) => !v.includes(" velero/")), []);
        assert.deepEqual(report.schemaErrors.map((e: { kind: string; namespace: string; name: string; path: string }) => `${e.kind} ${e.namespace}/${e.name} ${e.path}`), ["Deployment velero/typo /spec/replicass"]);
        assert.match(r.stderr, /1 schema error/);
      });
    }

    it("the text report lists each release, where its chart came from and how many objects it installs", async () => {
      const r = await check(["--stack", "dev", "--inflate-charts", "--chart-cache", hostileCache]);
      assert.match(r.stdout, /^charts: 13 releases rendered with helm template \(\d+ objects, judged and validated with the stack's\):$/m);
      assert.match(r.stdout, new RegExp(`^  velero/velero: velero 12\\.1\\.0, 3 objects \\(from ${hostileCache.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/velero-12\\.1\\.0(\\.tgz)?\\)$`, "m"));
      assert.match(r.stdout, /^  monitoring\/kube-prometheus-stack: kube-prometheus-stack 88\.5\.3, 3 objects/m);
    });
  });

  describe("what it refuses", () => {
    it("--chart-cache without --inflate-charts, with --preview, or naming no directory: exit 1, said", async () => {
      const cases: [string[], RegExp][] = [
        [["--chart-cache", dir], /^strata check: --chart-cache is where --inflate-charts finds charts: give --inflate-charts too$/m],
        [["--inflate-charts", "--preview"], /^strata check: --inflate-charts renders charts with their values, which a preview does not know yet: leave out --preview$/m],
        [["--inflate-charts", "--chart-cache", path.join(dir, "missing")], /^strata check: chart cache .*missing is not a directory$/m],
      ];
      for (const [args, message] of cases) {
        const r = await check(["--stack", "dev", ...args]);
        assert.equal(r.code, 1, args.join(" "));
        assert.match(r.stderr, message);
        assert.equal(r.stdout, "");
      }
    });

    it("a chart the cache lacks (and no network to fetch it), or holds at another version: each named, with how to add it", () => {
      const partial = path.join(dir, "partial");
      writeChartCache(
        partial,
        pinnedFixtureCharts()
          .filter((c) => c.name !== "velero")
          .map((c) => (c.name === "istiod" ? { ...c, version: "1.29.0", packaged: false } : c)),
      );
      // The stale istiod sits where the pinned one is looked for.
      fs.renameSync(path.join(partial, "istiod-1.29.0"), path.join(partial, `istiod-${istioCharts.istiod.version}`));
      const release = (pin: { name: string; repo: string; version: string }, namespace: string): HelmRelease => ({
        urn: `urn:pulumi:dev::strata::kubernetes:helm.sh/v3:Release::${pin.name}`,
        name: pin.name,
        namespace,
        chart: pin.name,
        repository: pin.repo.replace(/\/+$/, ""),
        version: pin.version,
        values: {},
        includeCrds: true,
      });
      const inflation = inflateCharts([release(istioCharts.istiod, "istio-system"), release(veleroPin, "velero"), release(istioCharts.base, "istio-system")], { helm: helm(), cacheDir: partial, apiVersions: [] });
      assert.deepEqual(inflation.charts.map((c) => c.release.name), ["base"]);
      assert.deepEqual(
        inflation.failures.map((f) => f.release.name),
        ["istiod", "velero"],
      );
      assert.match(inflation.failures[0].message, new RegExp(`istiod-1\\.30\\.3 holds istiod 1\\.29\\.0, not 1\\.30\\.3 as the release pins$`));
      assert.match(inflation.failures[1].message, /^not in the chart cache .*, and fetching it failed: .* \(to render it offline: helm pull velero --repo https:\/\/vmware-tanzu\.github\.io\/helm-charts --version 12\.1\.0 -d <cache>, then --chart-cache <cache>\)$/);
    });

    it("a helm that does not run: each release fails, saying how to point at one", () => {
      const release: HelmRelease = { urn: "urn:x", name: "velero", namespace: "velero", chart: "velero", repository: veleroPin.repo, version: veleroPin.version, values: {}, includeCrds: false };
      const inflation = inflateCharts([release], { helm: path.join(dir, "no-helm"), apiVersions: [] });
      assert.equal(inflation.charts.length, 0);
      assert.match(inflation.failures[0].message, /could not run .*: install helm, or set STRATA_HELM to its path/);
    });

    it("the CLI fails the check (exit 1) when a chart cannot be rendered, listing each", async () => {
      const r = await check(["--stack", "dev", "--inflate-charts"], path.join(dir, "no-helm"));
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^strata check: stack dev: 13 of 13 charts could not be rendered:$/m);
      assert.match(r.stderr, /^  - velero\/velero \(velero 12\.1\.0\): .*could not run .*: install helm, or set STRATA_HELM to its path/m);
    });
  });
});

