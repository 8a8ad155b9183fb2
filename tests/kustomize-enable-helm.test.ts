import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { PROJECT_DIR } from "./harness";
import { helm, helm3, kubectl } from "./kube-tools";

/**
 * Issue 21: `kubectl kustomize --enable-helm` with the tools scripts/setup.sh installs. kustomize 5.7 runs
 * `helm version -c` and requires Helm 3, which Helm 4 refuses; .tools/kube/helm3 is Helm 3 from an npm
 * package. A fixture chart is served from a chart repository on 127.0.0.1, as a real repository would be.
 */

const CHART = path.join(PROJECT_DIR, "tests", "fixtures", "charts", "hello");

/** Runs a command without blocking the event loop (the chart repository is served by this process). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("kubectl kustomize --enable-helm with the bundled tools (a chart repository on 127.0.0.1)", function () {
  this.timeout(120000);
  let server: http.Server;
  let repoUrl: string;
  let work: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "strata-enable-helm-"));
    // Helm's caches and config in the temp dir: nothing of the machine's is read or written.
    env = { ...process.env, HOME: work, HELM_CACHE_HOME: path.join(work, "cache"), HELM_CONFIG_HOME: path.join(work, "config"), HELM_DATA_HOME: path.join(work, "data") };
    const repo = path.join(work, "repo");
    fs.mkdirSync(repo);
    execFileSync(helm3(), ["package", CHART, "--destination", repo], { env });
    server = http.createServer((req, res) => {
      const file = path.join(repo, path.basename(decodeURIComponent(req.url ?? "/")));
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    repoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    execFileSync(helm3(), ["repo", "index", repo, "--url", repoUrl], { env });
  });

  after(() => {
    server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  function kustomization(name: string): string {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const helmCharts = [{ name: "hello", repo: repoUrl, version: "0.1.0", releaseName: "demo", namespace: "demo", valuesInline: { greeting: "from the fixture repository" } }];
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", helmCharts }));
    return dir;
  }

  it("--helm-command .tools/kube/helm3 pulls the chart from the repository and inflates it with its values", async () => {
    const r = await run(kubectl(), ["kustomize", "--enable-helm", "--helm-command", helm3(), kustomization("helm3")], env);
    assert.equal(r.code, 0, r.stderr);
    const objects = parseAllDocuments(r.stdout).map((d) => d.toJS());
    assert.deepEqual(objects.map((o) => [o.kind, o.metadata.name, o.metadata.namespace, o.data.greeting]), [["ConfigMap", "demo-greeting", "demo", "from the fixture repository"]]);
  });

  it("the bundled Helm 4 (.tools/kube/helm) is refused by kustomize 5.7, which is why helm3 is shipped", async () => {
    const r = await run(kubectl(), ["kustomize", "--enable-helm", "--helm-command", helm(), kustomization("helm4")], env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /helm version -c/);
  });
});
