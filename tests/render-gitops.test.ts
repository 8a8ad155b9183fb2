import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import { CAPABILITIES } from "../capabilities/registry";
import { renderGitOps } from "../cli/render-gitops";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { renderStack, type RenderedTree } from "../render";
import { layerOrder } from "../render/gitops";
import { isCoreGroup, groupOf } from "../validation/core-models";
import { validateObjects } from "../validation";
import { strata } from "./cli-support";
import { PROJECT_DIR, SEED_STACKS, STACKS, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";
import { kustomize } from "./kube-tools";
import { tempDir } from "./render-support";
import { requireShared, SHARED_CRDS } from "./shared-dir";

/**
 * `strata render --gitops argocd|flux`: the controller's wiring for every stack, valid against the upstream
 * Argo CD and Flux CRDs (../shared/crds), ordered so that a layer's custom resources come after the chart that
 * brings their CRDs, and its repository configurable by flags or `gitops.repository`, refused clearly when missing.
 */

const ALL_STACKS = [...STACKS, ...SEED_STACKS];
const ARGO_CRDS = path.join(SHARED_CRDS, "argo-cd");
const FLUX_CRDS = path.join(SHARED_CRDS, "flux");
const REPO = { repoUrl: "https://git.example.com/platform.git", repoPath: "rendered/STACK" };

function rendered(stack: string, gitops: "argocd" | "flux"): RenderedTree {
  const result = renderStack(PROJECT_DIR, stack);
  if (!result.ok) assert.fail(`stack ${stack}: ${JSON.stringify(result.issues)}`);
  const wired = renderGitOps(result.tree, result.spec, result.namespace, { gitops, ...REPO, repoPath: `rendered/${stack}` });
  if (!wired.ok) assert.fail(wired.message);
  return wired.tree;
}

/** The objects of the tree's files under `dir/`. */
function objectsUnder(tree: RenderedTree, dir: string): KubernetesObject[] {
  return [...tree.files]
    .filter(([file]) => file.startsWith(`${dir}/`) && !file.endsWith("/kustomization.yaml"))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as KubernetesObject));
}

/** The API groups of custom resources a layer's provider declares, by the capability (= layer) name. */
const crdGroupsOf = new Map<string, ReadonlySet<string>>(CAPABILITIES.map((c) => [c.name, new Set<string>(c.crdGroups)]));

describe("strata render --gitops: the controller's wiring", () => {
  for (const stack of ALL_STACKS) {
    describe(stack, () => {
      it("argocd: one Application per layer, valid against Argo CD's CRDs; each layer in a later wave than the layers whose charts bring its custom resources' CRDs; SkipDryRunOnMissingResource exactly where its own chart brings them", function () {
        requireShared(this, ARGO_CRDS, "the Argo CD wiring's schema checks");
        const tree = rendered(stack, "argocd");
        const apps = objectsUnder(tree, "argocd");
        const validation = validateObjects(apps, { crds: [ARGO_CRDS] });
        assert.deepEqual(validation.schemaErrors, []);
        assert.equal(validation.validated, apps.length);
        const byLayer = new Map(apps.filter((a) => a.metadata.name !== `${stack}-root`).map((a) => [(a.spec as any).source.path.split("/").pop(), a]));
        assert.deepEqual([...byLayer.keys()].sort(), tree.layers.map((l) => l.name).sort());
        const wave = (layer: string) => Number(byLayer.get(layer)!.metadata.annotations!["argocd.argoproj.io/sync-wave"]);
        for (const layer of tree.layers) {
          const app = byLayer.get(layer.name)!;
          assert.equal((app.spec as any).source.repoURL, REPO.repoUrl);
          assert.equal((app.spec as any).source.targetRevision, "main");
          assert.ok((app.spec as any).syncPolicy.retry.limit > 0, `${layer.name}: no retries`);
          const groups = new Set(layer.objects.filter((o) => !isCoreGroup(o.apiVersion)).map((o) => groupOf(o.apiVersion)));
          for (const [provider, provided] of crdGroupsOf) {
            if (provider === layer.name || !byLayer.has(provider) || ![...groups].some((g) => provided.has(g))) continue;
            assert.ok(wave(provider) < wave(layer.name), `${layer.name} (wave ${wave(layer.name)}) uses custom resources of ${provider} (wave ${wave(provider)})`);
          }
          const ownKinds = [...groups].some((g) => crdGroupsOf.get(layer.name)?.has(g));
          const skips = ((app.spec as any).syncPolicy.syncOptions ?? []).includes("SkipDryRunOnMissingResource=true");
          assert.equal(skips, ownKinds, `${layer.name}: SkipDryRunOnMissingResource ${skips ? "set" : "missing"}`);
        }
        const root = apps.find((a) => a.metadata.name === `${stack}-root`)!;
        assert.equal((root.spec as any).source.path, `rendered/${stack}/argocd/apps`);
      });

      it("flux: Kustomizations (dependsOn), HelmRepositories and HelmReleases valid against Flux's CRDs; every chart a HelmRelease, no layer left with helmCharts, every dependsOn names a Kustomization, no cycle", function () {
        requireShared(this, FLUX_CRDS, "the Flux wiring's schema checks");
        const tree = rendered(stack, "flux");
        const flux = objectsUnder(tree, "flux");
        const fluxKinds = flux.filter((o) => o.apiVersion.includes("toolkit.fluxcd.io"));
        const validation = validateObjects(fluxKinds, { crds: [FLUX_CRDS] });
        assert.deepEqual(validation.schemaErrors, []);
        assert.equal(validation.validated, fluxKinds.length);
        const releases = fluxKinds.filter((o) => o.kind === "HelmRelease");
        assert.deepEqual(releases.map((r) => `${r.metadata.namespace}/${r.metadata.name}`).sort(), tree.layers.flatMap((l) => l.helmCharts.map((c) => `${c.namespace}/${c.releaseName}`)).sort());
        for (const layer of tree.layers) assert.equal(parse(tree.files.get(`${layer.name}/kustomization.yaml`)!).helmCharts, undefined, `${layer.name} still lists helmCharts`);
        const kustomizations = new Map(fluxKinds.filter((o) => o.kind === "Kustomization").map((k) => [k.metadata.name, ((k.spec as any).dependsOn ?? []).map((d: { name: string }) => d.name) as string[]]));
        for (const [name, deps] of kustomizations) for (const d of deps) assert.ok(kustomizations.has(d), `${name} depends on unknown ${d}`);
        const done = new Set<string>();
        while (done.size < kustomizations.size) {
          const next = [...kustomizations].find(([n, deps]) => !done.has(n) && deps.every((d) => done.has(d)));
          assert.ok(next, `dependsOn has a cycle among ${[...kustomizations.keys()].filter((n) => !done.has(n)).join(", ")}`);
          done.add(next[0]);
        }
        // Each object in exactly one Kustomization: a layer's Namespaces moved to its operators, not copied.
        const files = [...tree.files.keys()];
        for (const file of files.filter((f) => /^flux\/operators\/[^/]+\/namespace-/.test(f))) assert.ok(!files.includes(file.replace(/^flux\/operators\//, "")), `${file} is also in its layer`);
      });
    });
  }

  it("the wired trees build with kustomize: argocd/apps, flux/, an operators directory and a layer without its charts (dev)", function () {
    this.timeout(120000);
    const dir = tempDir();
    for (const kind of ["argocd", "flux"] as const) {
      const tree = rendered("dev", kind);
      for (const [file, text] of tree.files) {
        fs.mkdirSync(path.join(dir, kind, path.dirname(file)), { recursive: true });
        fs.writeFileSync(path.join(dir, kind, file), text);
      }
    }
    for (const sub of ["argocd/argocd/apps", "flux/flux", "flux/flux/operators/kafka", "flux/kafka"]) {
      const r = kustomize(path.join(dir, sub));
      assert.equal(r.code, 0, `${sub}: ${r.stderr}`);
    }
  });

  it("orders by CRDs and startup: a layer after the operator whose CRDs its objects use and after its dependsOn, never before", () => {
    const layer = (name: string, apiVersions: string[], charts = 0) => ({ name, helmCharts: Array.from({ length: charts }, () => ({}) as never), objects: apiVersions.map((apiVersion) => ({ apiVersion, kind: "X", metadata: { name: "x" } })) });
    const order = layerOrder(
      [layer("mesh", ["networking.istio.io/v1"], 1), layer("kafka", ["kafka.strimzi.io/v1", "security.istio.io/v1"], 1), layer("app", ["v1", "security.istio.io/v1"]), layer("late", ["v1"])],
      new Map([["late", { layers: ["app"], dataServices: ["kafka"] }]]),
    );
    assert.deepEqual(
      order.map((o) => [o.name, o.wave, o.ownCrds, o.after.sort()]),
      [
        ["mesh", 0, true, []],
        ["kafka", 1, true, ["mesh"]],
        ["app", 1, false, ["mesh"]],
        ["late", 2, false, ["app", "kafka"]],
      ],
    );
  });
});

describe("strata render --gitops: the repository, and usage errors (exit 2, nothing written)", () => {
  const out = () => path.join(tempDir(), "tree");
  const cases: [string, string[], RegExp][] = [
    ["an unknown controller", ["--gitops", "jenkins"], /--gitops must be one of argocd, flux, not "jenkins"/],
    ["--repo-url without --gitops", ["--repo-url", "https://git.example.com/x.git"], /--repo-url says where --gitops points .*give --gitops argocd or --gitops flux too/],
    ["--repo-path without --gitops", ["--repo-path", "x"], /--repo-path says where --gitops/],
    ["a URL that is no Git URL", ["--gitops", "flux", "--repo-url", "git.example.com/x", "--repo-path", "x"], /--repo-url "git.example.com\/x" must be a Git clone URL/],
    ["a branch with ..", ["--gitops", "argocd", "--repo-url", "https://g.example.com/x.git", "--repo-path", "x", "--repo-branch", "a..b"], /--repo-branch "a..b" must be a Git branch name/],
    ["a path that leaves the repository", ["--gitops", "argocd", "--repo-url", "https://g.example.com/x.git", "--repo-path", "../x"], /--repo-path "..\/x" must be a directory relative to the repository root/],
    ["an absolute path", ["--gitops", "flux", "--repo-url", "https://g.example.com/x.git", "--repo-path", "/srv/x"], /--repo-path "\/srv\/x" must be a directory relative/],
    ["no repository at all", ["--gitops", "argocd"], /missing: the repository URL \(--repo-url, or strata:gitops.repository.url\); the tree's path in the repository \(--repo-path, or strata:gitops.repository.path\)/],
    ["a URL but no path", ["--gitops", "flux", "--repo-url", "https://g.example.com/x.git"], /missing: the tree's path in the repository \(--repo-path, or strata:gitops.repository.path\)$/m],
  ];
  for (const [title, args, message] of cases) {
    it(title, async () => {
      const dir = out();
      const r = await strata(["render", "--stack", "dev", "--out", dir, ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(fs.existsSync(dir), false, "something was written");
    });
  }

  it("takes the repository from gitops.repository, and flags over it", async () => {
    const project = tempDir("strata-project-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    const doc = parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8"));
    doc.config["strata:gitops"] = { repository: { url: "git@git.example.com:platform/gitops.git", branch: "release/1", path: "clusters/dev" } };
    fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), stringify(doc));
    const fromConfig = out();
    const r = await strata(["-C", project, "render", "--stack", "dev", "--out", fromConfig, "--gitops", "flux"]);
    assert.equal(r.code, 0, r.stderr);
    const source = parse(fs.readFileSync(path.join(fromConfig, "flux", "gitrepository-strata-dev.yaml"), "utf8"));
    assert.deepEqual([source.spec.url, source.spec.ref.branch], ["git@git.example.com:platform/gitops.git", "release/1"]);
    assert.equal(parse(fs.readFileSync(path.join(fromConfig, "flux", "kustomization-dev-kafka.yaml"), "utf8")).spec.path, "./clusters/dev/kafka");
    const fromFlags = out();
    const f = await strata(["-C", project, "render", "--stack", "dev", "--out", fromFlags, "--gitops", "argocd", "--repo-branch", "main", "--repo-path", "."]);
    assert.equal(f.code, 0, f.stderr);
    const app = parse(fs.readFileSync(path.join(fromFlags, "argocd", "apps", "application-dev-kafka.yaml"), "utf8"));
    assert.deepEqual([app.spec.source.repoURL, app.spec.source.targetRevision, app.spec.source.path], ["git@git.example.com:platform/gitops.git", "main", "kafka"]);
  });
});

describe("invalid gitops.repository config (the real program, offline)", () => {
  const base = { profile: "dev", layers: [testLayer("a")] };
  const cases: InvalidCase[] = [
    { title: "a repository without a URL", config: { ...base, gitops: { repository: { path: "x" } } }, issues: [issue("gitops.repository.url", /expected string/)] },
    { title: "a URL that is no Git URL", config: { ...base, gitops: { repository: { url: "ftp://x", path: "x" } } }, issues: [issue("gitops.repository.url", /must be a Git clone URL/)] },
    { title: "a branch with a space", config: { ...base, gitops: { repository: { url: "https://g.example.com/x.git", branch: "my branch", path: "x" } } }, issues: [issue("gitops.repository.branch", /must be a Git branch name/)] },
    { title: "a path with ..", config: { ...base, gitops: { repository: { url: "https://g.example.com/x.git", path: "a/../../b" } } }, issues: [issue("gitops.repository.path", /relative to the repository root, without "\.\."/)] },
    { title: "an unknown key", config: { ...base, gitops: { repository: { url: "https://g.example.com/x.git", path: "x", revision: "v1" } } }, issues: [issue("gitops.repository.revision", /unknown key \(known keys: url, branch, path\)/)] },
  ];
  itRejectsEachCase(cases);
});
