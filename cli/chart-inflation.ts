import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ManifestObject } from "../manifests/kubernetes-object";
import { revealSecrets, type RecordedResource } from "../offline/recorder";
import { isObject } from "../policies/engine/fields";
import { KUBERNETES_VERSION } from "../policies/platform/versions";
import { HELM_RELEASE_TYPES } from "../policies/supply-chain/helm-allowlist";
import { ManifestError, parseManifests } from "./manifests";

/**
 * What a Helm release installs, which a preview cannot see (CrossGuard is shown the release, not its
 * chart's objects): each release of the stack rendered with `helm template`, at its pinned version, with
 * its values, into its namespace, so that the objects can be schema-validated and judged like any other.
 *
 * The chart comes from a local cache when one is given (`--chart-cache DIR`): `DIR/<chart>-<version>.tgz`,
 * as `helm pull` saves it, or a chart directory `DIR/<chart>-<version>/` or `DIR/<chart>/` whose Chart.yaml
 * has the pinned version; else from its repository (an https repository or an OCI registry), which needs the
 * network. The helm binary is `$STRATA_HELM`, else the project's `.tools/kube/helm`, else `helm` on PATH.
 */

export interface HelmRelease {
  urn: string;
  /** The release name. */
  name: string;
  namespace: string;
  /** The chart name, or its full `oci://` reference. */
  chart: string;
  repository?: string;
  version: string;
  values: Record<string, unknown>;
  includeCrds: boolean;
}

export interface InflatedChart {
  release: HelmRelease;
  /** Where the chart came from: a file or directory of the cache, or the repository. */
  source: string;
  objects: ManifestObject[];
}

export interface Inflation {
  charts: InflatedChart[];
  /** Releases that could not be rendered, each with why. */
  failures: { release: HelmRelease; message: string }[];
}

/** The Helm releases a run registered. */
export function helmReleases(resources: readonly RecordedResource[]): HelmRelease[] {
  return resources
    .filter((r) => HELM_RELEASE_TYPES.includes(r.type))
    .map((r) => {
      const inputs = revealSecrets(r.inputs) as Record<string, unknown>;
      const repository = isObject(inputs.repositoryOpts) && typeof inputs.repositoryOpts.repo === "string" ? inputs.repositoryOpts.repo : undefined;
      return {
        urn: r.urn,
        name: String(inputs.name ?? r.name),
        namespace: String(inputs.namespace ?? "default"),
        chart: String(inputs.chart),
        ...(repository ? { repository } : {}),
        version: String(inputs.version),
        values: isObject(inputs.values) ? inputs.values : {},
        includeCrds: inputs.skipCrds !== true,
      };
    });
}

/** The chart's own name: the last segment of an OCI reference. */
export function chartName(chart: string): string {
  return chart.slice(chart.lastIndexOf("/") + 1);
}

export class ChartCacheError extends Error {}

/** The helm binary to run. */
export function helmBinary(projectDir: string): string {
  if (process.env.STRATA_HELM) return process.env.STRATA_HELM;
  const bundled = path.join(projectDir, ".tools", "kube", "helm");
  return fs.existsSync(bundled) ? bundled : "helm";
}

function run(helm: string, args: string[]): { ok: true; stdout: string } | { ok: false; message: string } {
  const result = spawnSync(helm, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) return { ok: false, message: `${helm} could not run (${result.error.message}): install helm, or set STRATA_HELM to its path` };
  if (result.status !== 0) return { ok: false, message: (result.stderr || result.stdout).trim().split("\n")[0] };
  return { ok: true, stdout: result.stdout };
}

/** The version a cached chart declares (its Chart.yaml), or why it cannot be read. */
function cachedVersion(helm: string, source: string): string | { problem: string } {
  // `yaml` only when charts are inflated (check --charts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("yaml") as typeof import("yaml");
  if (fs.statSync(source).isDirectory()) {
    const file = path.join(source, "Chart.yaml");
    if (!fs.existsSync(file)) return { problem: `${source} has no Chart.yaml` };
    return String((parse(fs.readFileSync(file, "utf8")) as { version?: unknown })?.version);
  }
  const shown = run(helm, ["show", "chart", source]);
  return shown.ok ? String((parse(shown.stdout) as { version?: unknown })?.version) : { problem: `${source}: ${shown.message}` };
}

/**
 * The cached chart for a release: its path, undefined when the cache has none, or an error when what the
 * cache has is another version (a stale cache must not stand in for the pin).
 */
export function cachedChart(helm: string, cacheDir: string, release: HelmRelease): string | undefined {
  const name = chartName(release.chart);
  const candidates = [`${name}-${release.version}.tgz`, `${name}-${release.version}`, name].map((f) => path.join(cacheDir, f)).filter((f) => fs.existsSync(f));
  for (const candidate of candidates) {
    const version = cachedVersion(helm, candidate);
    if (typeof version !== "string") throw new ChartCacheError(version.problem);
    if (version === release.version) return candidate;
    if (candidate.endsWith(`-${release.version}.tgz`) || candidate.endsWith(`-${release.version}`)) {
      throw new ChartCacheError(`${candidate} holds ${name} ${version}, not ${release.version} as the release pins`);
    }
  }
  return undefined;
}

/** Kinds that live outside namespaces: the objects of a chart that get no namespace. */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "StorageClass", "CSIDriver", "CSINode",
  "VolumeAttachment", "PriorityClass", "RuntimeClass", "IngressClass", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "CertificateSigningRequest",
  "FlowSchema", "PriorityLevelConfiguration", "ClusterIssuer", "ClusterSecretStore", "ClusterExternalSecret", "GatewayClass",
]);

/** A chart's objects as they are installed: each namespaced one in the release's namespace unless it names its own. */
function intoNamespace(objects: ManifestObject[], namespace: string): ManifestObject[] {
  const clusterScopedCustom = new Set(objects.filter((o) => o.kind === "CustomResourceDefinition" && isObject(o.spec) && o.spec.scope === "Cluster").map((o) => String((o.spec as { names?: { kind?: string } }).names?.kind)));
  return objects.map((o) =>
    CLUSTER_SCOPED.has(o.kind) || clusterScopedCustom.has(o.kind) || o.metadata?.namespace ? o : { ...o, metadata: { ...(o.metadata ?? {}), namespace } },
  );
}

export interface InflateOptions {
  helm: string;
  /** A directory of charts; none: every chart from its repository. */
  cacheDir?: string;
  /** API versions the cluster serves beyond Kubernetes' own (the CRDs of the stack), for charts that ask. */
  apiVersions: string[];
}

/** Renders every release: its chart from the cache or the repository, with its values, into its namespace. */
export function inflateCharts(releases: HelmRelease[], options: InflateOptions): Inflation {
  const inflation: Inflation = { charts: [], failures: [] };
  const valuesDir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-values-"));
  try {
    for (const release of releases) {
      let cached: string | undefined;
      try {
        cached = options.cacheDir ? cachedChart(options.helm, options.cacheDir, release) : undefined;
      } catch (e) {
        if (!(e instanceof ChartCacheError)) throw e;
        inflation.failures.push({ release, message: e.message });
        continue;
      }
      const valuesFile = path.join(valuesDir, `${release.namespace}-${release.name}.json`);
      fs.writeFileSync(valuesFile, JSON.stringify(release.values));
      const source = cached ? [cached] : release.repository ? [chartName(release.chart), "--repo", release.repository, "--version", release.version] : [release.chart, "--version", release.version];
      const args = [
        "template", release.name, ...source,
        "--namespace", release.namespace,
        "--values", valuesFile,
        "--kube-version", KUBERNETES_VERSION,
        ...options.apiVersions.flatMap((v) => ["--api-versions", v]),
        "--skip-tests",
        ...(release.includeCrds ? ["--include-crds"] : []),
      ];
      const rendered = run(options.helm, args);
      if (!rendered.ok) {
        const where = options.cacheDir ? `not in the chart cache ${options.cacheDir}, and fetching it failed` : "fetching it failed";
        const pull = `helm pull ${release.repository ? `${chartName(release.chart)} --repo ${release.repository}` : release.chart} --version ${release.version} -d <cache>`;
        inflation.failures.push({ release, message: cached ? `helm template failed: ${rendered.message}` : `${where}: ${rendered.message} (to render it offline: ${pull}, then --chart-cache <cache>)` });
        continue;
      }
      try {
        inflation.charts.push({ release, source: cached ?? (release.repository ? `${release.repository} (${chartName(release.chart)})` : release.chart), objects: intoNamespace(parseManifests(rendered.stdout, `helm template ${release.name}`), release.namespace) });
      } catch (e) {
        if (!(e instanceof ManifestError)) throw e;
        inflation.failures.push({ release, message: e.message });
      }
    }
  } finally {
    fs.rmSync(valuesDir, { recursive: true, force: true });
  }
  return inflation;
}
