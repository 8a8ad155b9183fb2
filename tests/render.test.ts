import { EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_ROLE, LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "../capabilities/edge";
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import { VELERO_ROLE, VELERO_SERVICE_ACCOUNT } from "../capabilities/backup/desired-state";
import { EXACT_CHART_VERSION, releaseChartReference } from "../manifests/helm-chart";
import { thanosComponents, thanosRoleNames } from "../capabilities/observability/desired-state";
import { awsComputedState } from "../offline/aws-mocks";
import type { SucceededRun } from "../offline/run";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../platform/monitoring";
import { veleroPin } from "../capabilities/backup";
import { externalSecretsPin } from "../capabilities/credentials";
import { istioCharts } from "../capabilities/mesh";
import { kubePrometheusStackPin, prometheusAdapterPin } from "../capabilities/observability";
import { KARPENTER_NAMESPACE, KARPENTER_ROLE, KARPENTER_SERVICE_ACCOUNT, karpenterPin } from "../capabilities/karpenter";
import { objectKey, type KubernetesObject } from "../manifests/kubernetes-object";
import type { ClusterSpec } from "../capabilities/cluster";
import { EXTERNAL_SECRET_API_VERSION, MANIFEST_FILE, RenderCloudValues, renderStack, writeTree, type RenderedTree } from "../render";
import { validateObjects } from "../validation";
import { HELM_RELEASE_TYPE, kubernetesObjects, PROJECT_DIR, specOf, stackRun, STACKS, testLayer } from "./harness";
import { kubectl, kustomize, withoutHelmCharts } from "./kube-tools";
import { FIXTURE_CHART, fixtureLayer, renderedTree, renderSpec, tempDir, treeObjects } from "./render-support";
import { CLI, strata as cli } from "./cli-support";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { irsaRolesUnder } from "./services-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

const strata = (...args: string[]) => cli(args);

/** Problems of a kustomize helmCharts entry: every field set, an exact version, a repo URL. */
function chartEntryProblems(entry: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ["name", "repo", "version", "releaseName", "namespace"]) if (typeof entry[key] !== "string" || !entry[key]) problems.push(`${key} missing`);
  if (typeof entry.version === "string" && !EXACT_CHART_VERSION.test(entry.version)) problems.push(`version ${entry.version} is not exact`);
  if (typeof entry.repo === "string" && !/^(https:\/\/|oci:\/\/)/.test(entry.repo)) problems.push(`repo ${entry.repo} is neither https:// nor oci://`);
  if (typeof entry.includeCRDs !== "boolean") problems.push("includeCRDs is not set");
  if (!entry.valuesInline || typeof entry.valuesInline !== "object") problems.push("valuesInline missing");
  const known = ["name", "repo", "version", "releaseName", "namespace", "includeCRDs", "valuesInline"];
  for (const key of Object.keys(entry)) if (!known.includes(key)) problems.push(`unknown field ${key}`);
  return problems;
}

/** The IRSA roles whose ARNs a render takes from `gitops.roleArns`, by the service account each one trusts. */
const RENDERED_ROLES: Record<string, string> = {
  [VELERO_ROLE]: `system:serviceaccount:velero:${VELERO_SERVICE_ACCOUNT}`,
  [thanosRoleNames.sidecar]: `system:serviceaccount:monitoring:${PROMETHEUS_SERVICE_ACCOUNT}`,
  [thanosRoleNames.storeGateway]: `system:serviceaccount:monitoring:${thanosComponents.store.serviceAccount}`,
  [thanosRoleNames.compactor]: `system:serviceaccount:monitoring:${thanosComponents.compactor.serviceAccount}`,
  [KARPENTER_ROLE]: `system:serviceaccount:${KARPENTER_NAMESPACE}:${KARPENTER_SERVICE_ACCOUNT}`,
  "external-secrets": "system:serviceaccount:external-secrets:strata-secrets-manager",
  [LOAD_BALANCER_CONTROLLER_ROLE]: `system:serviceaccount:${EDGE_NAMESPACE}:${LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT}`,
};

/** `gitops` config holding the cloud values a run's resources got: its buckets, and the ARNs of its IRSA roles (the services' and pgBackRest's). */
function gitopsOfRun(run: SucceededRun): Record<string, unknown> {
  const byAccount = new Map(
    run.resources
      .filter((r) => ["strata:backup:Backup", "strata:observability:Observability", "strata:karpenter:Karpenter", "strata:credentials:Credentials", "strata:edge:Edge"].includes(r.type))
      .flatMap((c) => [...irsaRolesUnder(run, c)]),
  );
  const roleArns = Object.fromEntries(
    Object.entries(RENDERED_ROLES).map(([name, account]) => {
      const role = byAccount.get(account);
      assert.ok(role, `no IRSA role trusts ${account}`);
      return [name, awsComputedState(role.type, role.name, role.inputs).arn];
    }),
  );
  const { backups, metrics } = (run.outputs.cluster as { buckets: Record<string, string> }).buckets;
  // pgBackRest's role and first repository's bucket, as the Postgres layer outputs them.
  const postgres = (run.outputs as any).postgres.backups;
  return { buckets: { backups, metrics, postgres: postgres.repositories[0].bucket }, roleArns: { ...roleArns, pgbackrest: postgres.roleArn } };
}

/** A copy of the project's stack file with `gitops` config added, in a temp project; returns its directory. */
function projectWithGitops(stack: string, gitops: Record<string, unknown>): string {
  const project = tempDir("strata-project-");
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  const doc = parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8"));
  doc.config["strata:gitops"] = gitops;
  fs.writeFileSync(path.join(project, `Pulumi.${stack}.yaml`), stringify(doc));
  return project;
}

describe("strata render", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      let tree: RenderedTree;
      let dir: string;
      before(() => {
        tree = renderedTree(stack);
        dir = tempDir();
        writeTree(tree, dir);
      });

      it("renders byte-identical output twice (in memory and through the CLI)", async () => {
        assert.deepEqual([...renderedTree(stack).files], [...tree.files]);
        const a = tempDir();
        const b = tempDir();
        for (const out of [a, b]) assert.equal((await strata("render", "--stack", stack, "--out", out)).status, 0);
        const files = (d: string) => fs.readdirSync(d, { recursive: true, encoding: "utf8" }).sort();
        assert.deepEqual(files(a), files(b));
        assert.deepEqual(files(a), [...new Set([MANIFEST_FILE, ...[...tree.files.keys()].flatMap((f) => [f, ...(f.includes("/") ? [path.dirname(f)] : [])])])].sort());
        for (const f of files(a).filter((f) => f !== MANIFEST_FILE && fs.statSync(path.join(a, f)).isFile())) {
          assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), `${f} differs between two renders`);
          assert.equal(fs.readFileSync(path.join(a, f), "utf8"), tree.files.get(f));
        }
      });

      it("writes exactly the objects the Pulumi program registers (one source of truth), given the cloud's values in gitops config", async () => {
        const run = await stackRun(stack);
        const registered = kubernetesObjects(run.resources);
        const result = renderStack(projectWithGitops(stack, gitopsOfRun(run)), stack);
        if (!result.ok) assert.fail(JSON.stringify(result.issues));
        assert.deepEqual(result.tree.placeholders, []);
        const written = treeObjects(result.tree);
        // Generated Secrets (the Redis password) are written as ExternalSecrets; everything else as registered.
        const generated = registered.filter((o) => o.apiVersion === "v1" && o.kind === "Secret");
        assert.deepEqual(generated.map(objectKey), ["Secret/redis/strata-redis-password"], "the Secrets the program registers: generated ones only");
        const substituted = (o: KubernetesObject) => o;
        const byKey = (objects: KubernetesObject[]) => new Map(objects.map((o) => [objectKey(o), o]));
        const externalKey = (secret: KubernetesObject) => `ExternalSecret/${secret.metadata.namespace}/${secret.metadata.name}`;
        assert.deepEqual([...byKey(written).keys()].sort(), [...byKey(registered).keys()].map((k) => (k.startsWith("Secret/") ? `External${k}` : k)).sort());
        for (const [key, object] of byKey(registered)) {
          if (object.kind === "Secret") continue;
          assert.deepEqual(substituted(byKey(written).get(key)!), object, key);
        }
        for (const secret of generated) {
          const external = byKey(written).get(externalKey(secret)) as any;
          assert.deepEqual(external.spec.target, { name: secret.metadata.name, creationPolicy: "Owner" });
          assert.deepEqual(external.spec.data.map((d: any) => d.secretKey), Object.keys(secret.stringData as object).sort());
          assert.deepEqual(Object.keys(secret.stringData as object), ["password"], "the registered Secret holds the generated value");
        }
      });

      it("writes each Helm release as a helmCharts entry: the same chart, version, release, namespace, values and CRDs", async () => {
        const run = await stackRun(stack);
        const releases = run.resources.filter((r) => r.type === HELM_RELEASE_TYPE).map((r) => r.inputs as any);
        // Rendered with the run's cloud values (IRSA role ARNs in Velero's and Prometheus's values), not placeholders.
        const result = renderStack(projectWithGitops(stack, gitopsOfRun(run)), stack);
        if (!result.ok) assert.fail(JSON.stringify(result.issues));
        const files = result.tree.files;
        const kustomizations = [...files.keys()].filter((f) => f.endsWith("/kustomization.yaml"));
        const entries = kustomizations.flatMap((f) => (parse(files.get(f)!).helmCharts as any[] | undefined) ?? []);
        assert.equal(entries.length, 13, "Istio's four charts, the load balancer controller, Velero, kube-prometheus-stack, the metrics adapter, Karpenter, the three operators and External Secrets");
        assert.deepEqual(entries.map((e) => e.releaseName).sort(), releases.map((r) => r.name).sort());
        for (const entry of entries) {
          assert.deepEqual(chartEntryProblems(entry), [], entry.name);
          const release = releases.find((r) => r.name === entry.releaseName);
          const reference = releaseChartReference(entry);
          assert.equal(release.chart, reference.chart, entry.name);
          assert.equal(release.repositoryOpts?.repo, reference.repository, entry.name);
          assert.equal(release.version, entry.version, entry.name);
          assert.equal(release.namespace, entry.namespace, entry.name);
          assert.deepEqual(release.values, entry.valuesInline, entry.name);
          assert.equal(release.skipCrds, !entry.includeCRDs, entry.name);
        }
      });

      it("holds no generated secret value in any file: the Redis password the program generated is nowhere in the tree", async () => {
        const secrets = kubernetesObjects((await stackRun(stack)).resources).filter((o) => o.kind === "Secret");
        const values = secrets.flatMap((s) => [...Object.values((s.stringData as Record<string, string>) ?? {}), ...Object.values((s.data as Record<string, string>) ?? {})]);
        assert.ok(values.length > 0 && values.every((v) => typeof v === "string" && v.length >= 16), "the run generated the password");
        const forms = values.flatMap((v) => [v, Buffer.from(v).toString("base64")]);
        for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
          const full = path.join(dir, file);
          if (!fs.statSync(full).isFile()) continue;
          const text = fs.readFileSync(full, "utf8");
          for (const v of forms) assert.ok(!text.includes(v), `${file} holds a generated secret value`);
        }
        assert.ok(!treeObjects(tree).some((o) => o.kind === "Secret"));
      });

      it("has a directory per layer, each listed in order in the top kustomization, each listing its files", () => {
        const top = parse(tree.files.get("kustomization.yaml")!);
        assert.deepEqual(top.resources, ["cluster", "karpenter", "mesh", "kafka", "postgres", "redis", "edge", "backup", "observability", "credentials", ...specOf({ profile: stack }).layers.map((l) => l.name)]);
        for (const layer of top.resources as string[]) {
          const k = parse(tree.files.get(`${layer}/kustomization.yaml`)!);
          assert.equal(k.kind, "Kustomization");
          const onDisk = fs.readdirSync(path.join(dir, layer)).filter((f) => f !== "kustomization.yaml").sort();
          assert.deepEqual([...k.resources].sort(), onDisk);
        }
      });

      it("the buckets and IRSA role ARNs only the cloud knows are placeholders, each listed with its config key and files", () => {
        const listed = parse(tree.files.get("placeholders.yaml")!).placeholders as { placeholder: string; configKey: string; files: string[] }[];
        assert.deepEqual(
          listed.map((p) => [p.placeholder, p.configKey, p.files]),
          [
            ["${STRATA_BUCKET_BACKUPS}", "strata:gitops.buckets.backups", ["backup/backupstoragelocation-default.yaml"]],
            ["${STRATA_BUCKET_METRICS}", "strata:gitops.buckets.metrics", ["observability/configmap-thanos-objstore.yaml"]],
            ["${STRATA_BUCKET_POSTGRES}", "strata:gitops.buckets.postgres", ["postgres/postgrescluster-strata.yaml"]],
            ["${STRATA_ROLE_ARN_AWS_LOAD_BALANCER_CONTROLLER}", "strata:gitops.roleArns.aws-load-balancer-controller", ["edge/kustomization.yaml"]],
            ["${STRATA_ROLE_ARN_EXTERNAL_SECRETS}", "strata:gitops.roleArns.external-secrets", ["credentials/serviceaccount-strata-secrets-manager.yaml"]],
            ["${STRATA_ROLE_ARN_KARPENTER}", "strata:gitops.roleArns.karpenter", ["karpenter/kustomization.yaml"]],
            ["${STRATA_ROLE_ARN_PGBACKREST}", "strata:gitops.roleArns.pgbackrest", ["postgres/postgrescluster-strata.yaml"]],
            ["${STRATA_ROLE_ARN_THANOS_COMPACTOR}", "strata:gitops.roleArns.thanos-compactor", ["observability/serviceaccount-thanos-compact.yaml"]],
            ["${STRATA_ROLE_ARN_THANOS_SIDECAR}", "strata:gitops.roleArns.thanos-sidecar", ["observability/kustomization.yaml"]],
            ["${STRATA_ROLE_ARN_THANOS_STORE_GATEWAY}", "strata:gitops.roleArns.thanos-store-gateway", ["observability/serviceaccount-thanos-store.yaml"]],
            ["${STRATA_ROLE_ARN_VELERO}", "strata:gitops.roleArns.velero", ["backup/kustomization.yaml"]],
          ],
        );
      });

      it("the service layers' charts are helmCharts entries: pinned exactly, values inline", () => {
        const entries = (layer: string) => parse(tree.files.get(`${layer}/kustomization.yaml`)!).helmCharts as Record<string, any>[];
        const pinned = (e: Record<string, any>) => ({ name: e.name, repo: e.repo, version: e.version });
        assert.deepEqual(entries("mesh").map(pinned), [istioCharts.base, istioCharts.cni, istioCharts.istiod, istioCharts.gateway]);
        assert.deepEqual(entries("backup").map(pinned), [veleroPin]);
        assert.deepEqual(entries("observability").map(pinned), [kubePrometheusStackPin, prometheusAdapterPin]);
        assert.deepEqual(entries("karpenter").map(pinned), [karpenterPin]);
        assert.deepEqual(entries("credentials").map(pinned), [externalSecretsPin]);
        for (const layer of ["mesh", "backup", "observability", "karpenter", "credentials"]) for (const entry of entries(layer)) assert.deepEqual(chartEntryProblems(entry), [], `${layer} ${entry.name}`);
        assert.deepEqual(entries("backup")[0].valuesInline.credentials, { useSecret: false });
        for (const layer of ["cluster", ...specOf({ profile: stack }).layers.map((l) => l.name)]) assert.equal(entries(layer), undefined);
      });

      it("every rendered object validates: core kinds and CRDs (the ExternalSecrets against the External Secrets CRDs in ../shared/crds), zero schema errors, none left unvalidated", function () {
        requireSharedCrds(this);
        const objects = treeObjects(tree);
        const result = validateObjects(objects, { crds: [SHARED_CRDS] });
        assert.deepEqual(result.schemaErrors, []);
        assert.ok(objects.some((o) => o.kind === "ExternalSecret"));
        assert.deepEqual(result.unvalidated, []);
        assert.equal(result.validated, objects.length);
      });

      it("kubectl kustomize builds the tree (helmCharts set aside) into every rendered object", () => {
        const { dir: plain, charts } = withoutHelmCharts(dir);
        assert.deepEqual([...charts.keys()].sort(), [
          "backup/kustomization.yaml",
          "credentials/kustomization.yaml",
          "edge/kustomization.yaml",
          "kafka/kustomization.yaml",
          "karpenter/kustomization.yaml",
          "mesh/kustomization.yaml",
          "observability/kustomization.yaml",
          "postgres/kustomization.yaml",
          "redis/kustomization.yaml",
        ]);
        for (const entries of charts.values()) for (const entry of entries) assert.deepEqual(chartEntryProblems(entry as Record<string, unknown>), []);
        const built = kustomize(plain);
        assert.equal(built.code, 0, built.stderr);
        const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as KubernetesObject);
        assert.deepEqual(objects.map(objectKey).sort(), treeObjects(tree).map(objectKey).sort());
      });

      it("kubectl kustomize's output piped into strata validate (CRDs and the stack's policy config): 0 schema errors, 0 violations, every object validated", async function () {
        requireSharedCrds(this);
        const { dir: plain } = withoutHelmCharts(dir);
        const policyConfig = path.join(PROJECT_DIR, "policies", "config", `${stack}.json`);
        // Once (dev), a real pipe from kubectl into the built CLI (a Go program leaves it non-blocking: strata
        // validate must read it whole); for the other stacks, kustomize's output as stdin in this process.
        let r: { status: number | null; stdout: string; stderr: string };
        if (stack === STACKS[0]) {
          r = spawnSync(
            "bash",
            ["-c", 'set -o pipefail; "$0" kustomize "$1" | "$2" "$3" validate --crds "$4" --policy-config "$5" -', kubectl(), plain, process.execPath, CLI, SHARED_CRDS, policyConfig],
            { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
          );
        } else {
          const built = kustomize(plain);
          assert.equal(built.code, 0, built.stderr);
          r = await cli(["validate", "--crds", SHARED_CRDS, "--policy-config", policyConfig, "-"], built.stdout);
        }
        assert.equal(r.status, 0, r.stdout + r.stderr);
        const objects = treeObjects(tree);
        assert.match(r.stdout, new RegExp(`^schema: ${objects.length} objects validated against .*: 0 errors$`, "m"));
        assert.match(r.stdout, /^policy violations: 0 \(0 mandatory, 0 advisory\)$/m);
        assert.doesNotMatch(r.stdout + r.stderr, /not validated/);
      });

      it("`strata validate <rendered dir>` reads the objects and leaves the kustomizations and placeholders.yaml out", async function () {
        requireSharedCrds(this);
        const validated = await strata("validate", dir, "--json", "--crds", SHARED_CRDS, "--policy-config", path.join(PROJECT_DIR, "policies", "config", `${stack}.json`));
        assert.equal(validated.status, 0, validated.stderr);
        const report = JSON.parse(validated.stdout);
        assert.equal(report.objects, treeObjects(tree).length);
        assert.deepEqual([report.violations, report.schemaErrors], [[], []]);
      });
    });
  }

  it("scripts/kustomize-offline.js (the quick start's build) builds a rendered tree with its charts set aside and names them", () => {
    const dir = tempDir();
    writeTree(renderedTree("dev"), dir);
    const r = spawnSync(process.execPath, [path.join(PROJECT_DIR, "scripts", "kustomize-offline.js"), dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(parseAllDocuments(r.stdout).length, treeObjects(renderedTree("dev")).length);
    assert.match(r.stderr, /^set aside in mesh\/kustomization.yaml: base@1\.30\.3, cni@1\.30\.3, istiod@1\.30\.3, gateway@1\.30\.3$/m);
    assert.equal(spawnSync(process.execPath, [path.join(PROJECT_DIR, "scripts", "kustomize-offline.js"), tempDir()], { encoding: "utf8" }).status, 1);
  });

  describe("the layer seam (a fixture layer with a chart, a generated password and cloud values)", () => {
    // One application layer and no data layer: the fixture stands alone in its namespace.
    const base = { profile: "dev", layers: [testLayer("a")] };
    const password = randomBytes(24).toString("base64url");
    let tree: RenderedTree;
    let dir: string;
    before(() => {
      ({ tree, dir } = renderSpec(specOf(base), (cloud) => [fixtureLayer(cloud, password)]));
    });

    it("writes the layer's helmCharts entry with repo, exact version, release, namespace, inline values and CRDs", () => {
      const k = parse(tree.files.get("fixture-operator/kustomization.yaml")!);
      assert.deepEqual(k.helmCharts, [
        {
          name: FIXTURE_CHART.name,
          repo: FIXTURE_CHART.repo,
          version: "1.2.0",
          releaseName: "strimzi",
          namespace: "kafka",
          includeCRDs: true,
          valuesInline: FIXTURE_CHART.values,
        },
      ]);
      for (const entry of k.helmCharts) assert.deepEqual(chartEntryProblems(entry), []);
      assert.deepEqual(chartEntryProblems({ ...k.helmCharts[0], version: "^1.2" }), ["version ^1.2 is not exact"]);
    });

    it("kubectl kustomize builds the fixture tree with the chart entry set aside", () => {
      const { dir: plain, charts } = withoutHelmCharts(dir);
      assert.ok(charts.has("fixture-operator/kustomization.yaml"));
      const built = kustomize(plain);
      assert.equal(built.code, 0, built.stderr);
      assert.match(built.stdout, /kind: ExternalSecret/);
    });

    it("the generated password is nowhere in the tree: the Secret became an ExternalSecret", () => {
      const values = [password, Buffer.from(password).toString("base64")];
      for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
        const full = path.join(dir, file);
        if (!fs.statSync(full).isFile()) continue;
        const text = fs.readFileSync(full, "utf8");
        for (const v of values) assert.ok(!text.includes(v), `${file} holds a generated secret value`);
      }
      const objects = treeObjects(tree);
      assert.equal(objects.filter((o) => o.kind === "Secret").length, 0);
      const external = objects.find((o) => o.kind === "ExternalSecret" && o.metadata.name === "generated-password")!;
      assert.equal(external.apiVersion, EXTERNAL_SECRET_API_VERSION);
      assert.deepEqual(external.spec, {
        refreshInterval: "1h",
        secretStoreRef: { kind: "ClusterSecretStore", name: "strata" },
        target: { name: "generated-password", creationPolicy: "Owner" },
        data: ["password", "password-b64"].map((key) => ({ secretKey: key, remoteRef: { key: "strata/test/kafka/generated-password", property: key } })),
      });
    });

    it("cloud values not in config are placeholders, listed in placeholders.yaml with the files holding them", () => {
      const listed = parse(tree.files.get("placeholders.yaml")!).placeholders as { placeholder: string; configKey: string; files: string[] }[];
      // The service layers' own placeholders aside (see the dev and prod tests): the fixture's.
      const inFixture = (files: string[]) => files.filter((f) => f.startsWith("fixture-operator/"));
      assert.deepEqual(
        listed.filter((p) => inFixture(p.files).length).map((p) => [p.placeholder, p.configKey, inFixture(p.files)]),
        [
          ["${STRATA_ACCOUNT_ID}", "strata:gitops.accountId", ["fixture-operator/configmap-cloud.yaml"]],
          ["${STRATA_BUCKET_BACKUPS}", "strata:gitops.buckets.backups", ["fixture-operator/configmap-cloud.yaml"]],
          ["${STRATA_ROLE_ARN_VELERO}", "strata:gitops.roleArns.velero", ["fixture-operator/configmap-cloud.yaml"]],
        ],
      );
    });

    it("cloud values set in gitops config (or an existing cluster's buckets) are written as they are", () => {
      const gitops = { accountId: "123456789012", roleArns: { velero: "arn:aws:iam::123456789012:role/velero" }, secretStore: { kind: "SecretStore", name: "aws" }, remoteKeyPrefix: "acme/prod" };
      const eks = renderSpec(specOf({ ...base, gitops: { ...gitops, buckets: { backups: "acme-backups" } } }), (cloud) => [fixtureLayer(cloud, password)]).tree;
      const configMap = treeObjects(eks).find((o) => o.kind === "ConfigMap")!;
      assert.deepEqual(configMap.data, { bucket: "acme-backups", account: "123456789012", role: "arn:aws:iam::123456789012:role/velero" });
      const fixturePlaceholders = (parse(eks.files.get("placeholders.yaml")!).placeholders as { files: string[] }[]).filter((p) => p.files.some((f) => f.startsWith("fixture-operator/")));
      assert.deepEqual(fixturePlaceholders, []);
      const secret = treeObjects(eks).find((o) => o.kind === "ExternalSecret")! as any;
      assert.deepEqual(secret.spec.secretStoreRef, { kind: "SecretStore", name: "aws" });
      assert.equal(secret.spec.data[0].remoteRef.key, "acme/prod/kafka/generated-password");
      const existing = { mode: "existing", buckets: { backups: "their-backups", metrics: "m", postgres: "p" } } as unknown as ClusterSpec;
      const values = new RenderCloudValues(specOf({ profile: "dev" }).gitops, existing, "strata");
      assert.equal(values.bucketName("backups"), "their-backups");
      assert.deepEqual(values.placeholders(), []);
    });
  });

  describe("the data layers' cloud values (pgBackRest's buckets, region and IRSA role)", () => {
    // The Postgres layer's placeholders (and where a shared one, the region, stands in its files).
    const placeholdersOf = (tree: RenderedTree) =>
      tree.placeholders
        .map((p) => [p.placeholder, p.configKey, p.files.filter((f) => f.startsWith("postgres/"))] as const)
        .filter(([, , files]) => files.length > 0);
    const backupsOf = (tree: RenderedTree) => {
      const pg = treeObjects(tree).find((o) => o.kind === "PostgresCluster") as any;
      return { roleArn: pg.spec.metadata.annotations["eks.amazonaws.com/role-arn"], repos: pg.spec.backups.pgbackrest.repos.map((r: any) => [r.name, r.s3.bucket, r.s3.region, r.s3.endpoint]) };
    };

    it("from gitops config when it names them: written as they are, no placeholder", () => {
      const role = "arn:aws:iam::123456789012:role/strata-prod-pgbackrest";
      const { tree } = renderSpec(specOf({ profile: "prod", gitops: { buckets: { postgres: "acme-pgbackrest" }, roleArns: { pgbackrest: role } } }));
      assert.deepEqual(backupsOf(tree), { roleArn: role, repos: [["repo1", "acme-pgbackrest", "eu-west-1", "s3.eu-west-1.amazonaws.com"]] });
      assert.deepEqual(placeholdersOf(tree), []);
    });

    it("an existing cluster's from its config (the cluster's bucket, the role postgres.backups.roleArn names)", () => {
      const { tree } = renderSpec(specOf({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS }));
      assert.deepEqual(backupsOf(tree), { roleArn: EXISTING_LAYERS.postgres.backups.roleArn, repos: [["repo1", EXISTING.buckets.postgres, "eu-west-1", "s3.eu-west-1.amazonaws.com"]] });
      assert.deepEqual(placeholdersOf(tree), []);
    });

    it("placeholders otherwise: a second repository's bucket Strata makes, and the region when the stack names none", () => {
      const { tree } = renderSpec(specOf({ profile: "prod", postgres: { backups: { secondRepository: { region: "us-west-2" } } } }), () => [], "test", null);
      assert.deepEqual(backupsOf(tree), {
        roleArn: "${STRATA_ROLE_ARN_PGBACKREST}",
        repos: [
          ["repo1", "${STRATA_BUCKET_POSTGRES}", "${STRATA_AWS_REGION}", "s3.${STRATA_AWS_REGION}.amazonaws.com"],
          ["repo2", "${STRATA_BUCKET_POSTGRES_REPO2}", "us-west-2", "s3.us-west-2.amazonaws.com"],
        ],
      });
      const file = ["postgres/postgrescluster-strata.yaml"];
      assert.deepEqual(placeholdersOf(tree), [
        ["${STRATA_AWS_REGION}", "aws:region", file],
        ["${STRATA_BUCKET_POSTGRES_REPO2}", "strata:postgres.backups.secondRepository.bucket", file],
        ["${STRATA_BUCKET_POSTGRES}", "strata:gitops.buckets.postgres", file],
        ["${STRATA_ROLE_ARN_PGBACKREST}", "strata:gitops.roleArns.pgbackrest", file],
      ]);
    });
  });

  describe("secrets", () => {
    it("secretEnv Secrets become ExternalSecrets beside the Deployment that reads them; no value is written", () => {
      const spec = specOf({
        profile: "dev",
        layers: [testLayer("a", { secretEnv: { API_KEY: { secret: "api-keys", key: "openai" }, OTHER: { secret: "api-keys", key: "anthropic" } } }), testLayer("b")],
      });
      const { tree } = renderSpec(spec);
      const a = treeObjects(tree).filter((o) => o.metadata.namespace === "a");
      const external = a.find((o) => o.kind === "ExternalSecret") as any;
      assert.deepEqual(external.metadata.name, "api-keys");
      assert.deepEqual(
        external.spec.data.map((d: any) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]),
        [
          ["anthropic", "strata/test/a/api-keys", "anthropic"],
          ["openai", "strata/test/a/api-keys", "openai"],
        ],
      );
      assert.ok(tree.files.has("a/externalsecret-api-keys.yaml"));
      assert.ok(!treeObjects(tree).some((o) => o.metadata.namespace === "b" && o.kind === "ExternalSecret"));
    });

    it("encrypted (secure:) stack config that would reach an object is a config error at its key (exit 2), nothing written", async () => {
      const project = tempDir("strata-project-");
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
      fs.writeFileSync(
        path.join(project, "Pulumi.leaky.yaml"),
        "config:\n  strata:profile: dev\n  strata:replaceDefaults: [layers]\n  strata:layers:\n    - name: a\n      image: ghcr.io/example/a:1.0.0\n      capacityClass: on-demand\n      env:\n        TOKEN:\n          secure: AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=\n",
      );
      const result = renderStack(project, "leaky");
      assert.ok(!result.ok);
      assert.deepEqual(
        result.issues.map((i) => `${i.path}: ${i.message}`),
        ["layers[0].env.TOKEN: a secure: (encrypted) value cannot be rendered: a render cannot decrypt it and must never write it, and it would reach a/deployment-a.yaml; reference a Secret instead (secretEnv)"],
      );
      const out = path.join(tempDir(), "out");
      const r = await strata("-C", project, "render", "--stack", "leaky", "--out", out);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^  - strata:layers\[0\]\.env\.TOKEN: a secure: \(encrypted\) value cannot be rendered/m);
      assert.ok(!r.stderr.includes("AAABAJ0x"));
      assert.ok(!fs.existsSync(out));
    });
  });

  describe("the CLI", () => {
    it("prints objects per layer and the placeholders, and keeps what it did not write", async () => {
      const out = tempDir();
      const r = await strata("render", "--stack", "prod", "--out", out);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^stack prod: rendered 16 layers, \d+ objects, 13 Helm charts \(\d+ files\) to /);
      assert.match(r.stdout, /^  l0-ingestion +\d+$/m);
      assert.match(r.stdout, /^  mesh +\d+ \(\+ 4 charts\)$/m);
      assert.match(r.stdout, /^  redis +\d+ \(\+ 1 charts\)$/m);
      assert.match(r.stdout, /^  karpenter +\d+ \(\+ 1 charts\)$/m);
      assert.match(r.stdout, /^placeholders \(11; listed in placeholders.yaml\)/m);
      assert.match(r.stdout, /^  \$\{STRATA_ROLE_ARN_PGBACKREST\}  ARN of the IRSA role pgbackrest  \(strata:gitops\.roleArns\.pgbackrest; in 1 files\)$/m);
      // A file the render did not write survives the next render (tests/render-safety.test.ts has the rest).
      fs.writeFileSync(path.join(out, "l0-ingestion", "ours.yaml"), "x: 1\n");
      assert.equal((await strata("render", "--stack", "prod", "--out", out)).status, 0);
      assert.equal(fs.readFileSync(path.join(out, "l0-ingestion", "ours.yaml"), "utf8"), "x: 1\n");

      // A directory holding files but no render is not the render's (tests/render-safety.test.ts).
      const foreign = tempDir();
      fs.writeFileSync(path.join(foreign, "notes.txt"), "mine");
      assert.equal((await strata("render", "--stack", "prod", "--out", foreign)).status, 2);
      assert.deepEqual(fs.readdirSync(foreign), ["notes.txt"]);
    });

    it("an invalid stack config renders nothing and exits 2 with every problem", async () => {
      const project = tempDir("strata-project-");
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
      fs.writeFileSync(path.join(project, "Pulumi.bad.yaml"), "config:\n  strata:profile: dev\n  strata:gitops:\n    accountId: '12'\n");
      const out = path.join(tempDir(), "out");
      const r = await strata("-C", project, "render", "--stack", "bad", "--out", out);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /strata:gitops\.accountId: must be a 12-digit AWS account ID/);
      assert.ok(!fs.existsSync(out));
    });
  });
});
