import { strict as assert } from "node:assert";
import { CAPABILITIES } from "../capabilities/registry";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { HELM_RELEASE_TYPE, runValidConfig, SEED_STACKS, stackRun, STACKS, testLayer } from "./harness";

/**
 * Every custom resource waits for what defines its kind: for each stack (dev, prod, every seed profile, and
 * configs that switch on what those leave off), every registered custom resource depends — directly, or
 * through the resources it depends on — on a Helm release of a chart that installs its CRD group, with the
 * chart's CRDs installed (`skipCrds: false`). Otherwise a first `pulumi up` that creates the cluster and the
 * operator fails with "no matches for kind". Which chart installs which group is written here from the
 * upstream charts, not read from Strata's code.
 */

/** The CRD groups each chart Strata installs ships (its crds/ or templates), by the chart as a release names it. */
const CHART_CRD_GROUPS: Record<string, string[]> = {
  base: ["networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io"],
  "oci://quay.io/strimzi-helm/strimzi-kafka-operator": ["kafka.strimzi.io", "core.strimzi.io"],
  "oci://registry.developers.crunchydata.com/crunchydata/pgo": ["postgres-operator.crunchydata.com"],
  "redis-operator": ["redis.redis.opstreelabs.in"],
  velero: ["velero.io"],
  "kube-prometheus-stack": ["monitoring.coreos.com"],
  "external-secrets": ["external-secrets.io", "generators.external-secrets.io"],
};

/** Kubernetes' own groups: no CRD defines their kinds. */
function isBuiltIn(group: string): boolean {
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io");
}

/** The API group of a Kubernetes resource type (`kubernetes:<group>/<version>:<Kind>`); "" for the core group. */
function groupOfType(type: string): string | undefined {
  const m = /^kubernetes:([^:]+):([A-Za-z]+)$/.exec(type);
  if (!m || type.startsWith("kubernetes:helm.sh/")) return undefined;
  const apiVersion = m[1];
  return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "";
}

/** Everything `resource` waits for: its dependencies, theirs, and so on. */
function transitiveDependencies(resource: RecordedResource, byUrn: Map<string, RecordedResource>): Set<string> {
  const seen = new Set<string>();
  const queue = [...resource.dependsOn];
  while (queue.length) {
    const urn = queue.pop()!;
    if (seen.has(urn)) continue;
    seen.add(urn);
    queue.push(...(byUrn.get(urn)?.dependsOn ?? []));
  }
  return seen;
}

interface Finding {
  kinds: Set<string>;
  problems: string[];
}

/** Every custom resource of a run, checked; the kinds seen (as `<group>/<Kind>`). */
function checkRun(run: SucceededRun): Finding {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const releases = run.resources.filter((r) => r.type === HELM_RELEASE_TYPE);
  const finding: Finding = { kinds: new Set(), problems: [] };
  for (const resource of run.resources) {
    const group = groupOfType(resource.type);
    if (group === undefined || isBuiltIn(group)) continue;
    finding.kinds.add(`${group}/${resource.type.split(":")[2]}`);
    const installers = Object.entries(CHART_CRD_GROUPS).filter(([, groups]) => groups.includes(group)).map(([chart]) => chart);
    if (!installers.length) {
      finding.problems.push(`${resource.urn}: no chart this test knows installs the group ${group}`);
      continue;
    }
    const waitsFor = transitiveDependencies(resource, byUrn);
    const installing = releases.filter((r) => installers.includes(String(r.inputs.chart)) && r.inputs.skipCrds === false && waitsFor.has(r.urn));
    if (!installing.length) finding.problems.push(`${resource.urn} (${group}) waits for no release of ${installers.join(" or ")} that installs its CRDs`);
  }
  return finding;
}

/** Configs that switch on what the stack files leave off: layers' own ExternalSecrets, rotation, file delivery, a SecretStore of the user's. */
const EXTRA_CONFIGS: Record<string, Record<string, unknown>> = {
  "external secrets and rotation": {
    profile: "prod",
    secrets: { externalSecrets: true },
    credentials: { rotation: { postgres: "0 3 * * 0" }, layers: { b: { delivery: "file" } } },
    layers: [
      testLayer("a", { secretEnv: { TOKEN: { secret: "tokens", key: "a", remoteRef: { key: "vendor/a" } } }, dataServices: { postgres: {}, kafka: { read: [], write: [] } }, peers: ["b"] }),
      testLayer("b", { dataServices: { postgres: {}, redis: {} } }),
    ],
  },
  "a namespaced store of the user's": {
    profile: "dev",
    secrets: { externalSecrets: true },
    gitops: { secretStore: { kind: "SecretStore", name: "vault" } },
    layers: [testLayer("a", { secretEnv: { TOKEN: { secret: "tokens", key: "a" } } })],
  },
};

describe("every custom resource waits for the release that installs its CRD", function () {
  this.timeout(600_000);
  const seen = new Set<string>();

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`${stack}: every custom resource depends (directly or through its dependencies) on its CRD's release`, async () => {
      const finding = checkRun(await stackRun(stack));
      assert.deepEqual(finding.problems, []);
      assert.ok(finding.kinds.size > 0, "the stack registers custom resources");
      for (const k of finding.kinds) seen.add(k);
    });
  }

  for (const [title, config] of Object.entries(EXTRA_CONFIGS)) {
    it(`${title}: the same`, async () => {
      const finding = checkRun(await runValidConfig(config));
      assert.deepEqual(finding.problems, []);
      for (const k of finding.kinds) seen.add(k);
    });
  }

  it("the kinds covered: every custom resource kind the stacks register, the External Secrets ones among them", () => {
    // A floor, not the list: each of these kinds must have been checked above.
    const expected = [
      "external-secrets.io/ClusterSecretStore",
      "external-secrets.io/ExternalSecret",
      "external-secrets.io/SecretStore",
      "kafka.strimzi.io/Kafka",
      "kafka.strimzi.io/KafkaNodePool",
      "kafka.strimzi.io/KafkaTopic",
      "kafka.strimzi.io/KafkaUser",
      "monitoring.coreos.com/PrometheusRule",
      "monitoring.coreos.com/ServiceMonitor",
      "postgres-operator.crunchydata.com/PostgresCluster",
      "redis.redis.opstreelabs.in/RedisCluster",
      "security.istio.io/AuthorizationPolicy",
      "security.istio.io/PeerAuthentication",
      "networking.istio.io/Sidecar",
      "velero.io/Schedule",
    ];
    const missing = expected.filter((k) => !seen.has(k));
    assert.deepEqual(missing, [], `kinds never registered: ${missing.join(", ")} (seen: ${[...seen].sort().join(", ")})`);
  });

  it("the seam agrees: each group a stack registers is declared by one capability (crdGroups), which names its installer (crdInstaller)", () => {
    const groups = new Set([...seen].map((k) => k.slice(0, k.indexOf("/"))));
    for (const group of groups) {
      const declaring = CAPABILITIES.filter((c) => c.crdGroups.includes(group));
      assert.equal(declaring.length, 1, `${group}: declared by ${declaring.map((c) => c.name).join(", ") || "no capability"}`);
      assert.ok(declaring[0].crdInstaller, `${declaring[0].name} declares ${group} but no crdInstaller`);
    }
  });
});
