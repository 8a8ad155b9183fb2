import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { HTTPS_EGRESS_REASON_ANNOTATION, OPEN_INGRESS_REASON_ANNOTATION } from "../manifests/network-policy";
import { METRICS_ADAPTER_POD_LABELS, METRICS_ADAPTER_PORT, MONITORING_NAMESPACE, thanosPorts, thanosQueryUrl, thanosSelector } from "../capabilities/observability/desired-state";
import { AUTOSCALING_METRICS_RULE } from "../capabilities/observability/adapter-rules";
import { metricsAdapterPolicyName } from "../capabilities/observability/metrics-adapter";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { prometheusAdapterImage, prometheusAdapterPin } from "../capabilities/observability";
import { podPlacement } from "../platform/placement";
import { validateObjects } from "../validation";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { findObject, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind, runValidConfig, specOf, stackRun, STACKS, testLayer } from "./harness";
import { issue, itRejectsEachCase } from "./invalid-config-support";
import { HELM_RELEASE_TYPE } from "./services-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * Pods and External metrics in the layers' HorizontalPodAutoscalers (seeds 001, 003, 004), and the Prometheus
 * adapter that serves them (and, on EKS, the resource metrics API), under Pulumi's mocks.
 */

const PREFIX = "autoscaling.metrics";

/** Seed 001's crawler autoscaler: Kafka consumer lag alone, with its scale behaviour. */
const crawlerBehavior = {
  scaleUp: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 100, periodSeconds: 60 }] },
  scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] },
};
const consumerLag = { type: "External", name: "kafka_consumer_lag", selector: { consumergroup: "crawlers" }, averageValue: "1000", query: "sum by (consumergroup) (kafka_consumergroup_lag)" };
/** Seed 003's agent: CPU, queue depth (a total) and active tasks per instance. */
const queueDepth = { type: "External", name: "queue_depth", value: "100" };
const activeTasks = { type: "Pods", name: "active_tasks", averageValue: "10" };
/** Seed 004's API gateway: requests per second per pod, from the request counter; the seed writes the target as a number. */
const requestRate = { type: "Pods", name: "http_requests_per_second", averageValue: 100, query: "sum by (namespace, pod) (rate(http_requests_total[2m]))" };

const layers = [
  testLayer("crawlers", { replicas: 9, autoscaling: { maxReplicas: 27, metrics: [consumerLag], behavior: crawlerBehavior } }),
  testLayer("agent", { replicas: 3, autoscaling: { maxReplicas: 50, targetCPUUtilization: 70, metrics: [queueDepth, activeTasks] } }),
  // A second consumer of the same lag series (another group): one adapter rule and one recording rule serve both.
  testLayer("api-gateway", { replicas: 3, autoscaling: { maxReplicas: 20, targetMemoryUtilization: 80, metrics: [requestRate, { ...consumerLag, selector: { consumergroup: "gateway" } }] } }),
  testLayer("plain", { replicas: 2, autoscaling: { maxReplicas: 4 } }),
];

function hpaOf(run: SucceededRun, layer: string): any {
  return findObject(objectsOfLayer(run, layer), "HorizontalPodAutoscaler", layer, layer);
}

function adapterReleases(run: SucceededRun): (RecordedResource & { inputs: any })[] {
  return run.resources.filter((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === prometheusAdapterPin.name) as never;
}

const cpu = (averageUtilization: number) => ({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization } } });
const ruleNames = (rules: { name: { as: string } }[]) => rules.map((r) => r.name.as);

describe("autoscaling on Pods and External metrics (offline)", () => {
  let run: SucceededRun;
  let objects: KubernetesObject[];
  before(async () => {
    run = await runValidConfig({ profile: "prod", layers });
    objects = kubernetesObjects(run.resources);
  });

  it("the crawlers' HPA scales on the consumer lag alone (no default CPU target) with the seed's behaviour", () => {
    const hpa = hpaOf(run, "crawlers");
    assert.deepEqual(hpa.spec.metrics, [
      { type: "External", external: { metric: { name: "kafka_consumer_lag", selector: { matchLabels: { consumergroup: "crawlers" } } }, target: { type: "AverageValue", averageValue: "1000" } } },
    ]);
    assert.deepEqual(hpa.spec.behavior, crawlerBehavior);
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [9, 27]);
  });

  it("the agent's HPA: its CPU target, then the queue depth as a total (Value) and active tasks per pod, in config order", () => {
    assert.deepEqual(hpaOf(run, "agent").spec.metrics, [
      cpu(70),
      { type: "External", external: { metric: { name: "queue_depth" }, target: { type: "Value", value: "100" } } },
      { type: "Pods", pods: { metric: { name: "active_tasks" }, target: { type: "AverageValue", averageValue: "10" } } },
    ]);
  });

  it("a memory target with metrics gets no default CPU target; a numeric target is written as a quantity", () => {
    const metrics = hpaOf(run, "api-gateway").spec.metrics;
    assert.deepEqual(
      metrics.map((m: any) => m.resource?.name ?? m.pods?.metric.name ?? m.external?.metric.name),
      ["memory", "http_requests_per_second", "kafka_consumer_lag"],
    );
    assert.equal(metrics[1].pods.target.averageValue, "100");
  });

  it("a layer that sets no target scales on the default 70% CPU", () => {
    assert.deepEqual(hpaOf(run, "plain").spec.metrics, [cpu(70)]);
  });

  it("every object validates against its schema: the HPAs against Kubernetes' OpenAPI, the recording rule against its CRD", function () {
    requireSharedCrds(this);
    const result = validateObjects(objects, { crds: [SHARED_CRDS] });
    assert.deepEqual(result.schemaErrors, []);
    assert.deepEqual([result.unvalidated, result.validated], [[], objects.length]);
    assert.ok(objects.some((o) => o.kind === "PrometheusRule" && o.metadata.name === AUTOSCALING_METRICS_RULE));
  });

  it("every HPA validates against Kubernetes' OpenAPI schema", () => {
    const hpas = objectsOfKind(objects, "HorizontalPodAutoscaler");
    assert.equal(hpas.length, layers.length);
    const result = validateObjects(hpas);
    assert.deepEqual(result.schemaErrors, []);
    assert.equal(result.validated, hpas.length);
  });

  describe("the Prometheus adapter", () => {
    let values: any;
    before(() => {
      const releases = adapterReleases(run);
      assert.equal(releases.length, 1);
      values = releases[0].inputs.values;
    });

    it("one pinned release in monitoring, its image pinned, on the system pool, two replicas with a PDB in prod", () => {
      const release = adapterReleases(run)[0].inputs;
      assert.deepEqual([release.chart, release.version, release.repositoryOpts.repo, release.namespace], [prometheusAdapterPin.name, prometheusAdapterPin.version, prometheusAdapterPin.repo, MONITORING_NAMESPACE]);
      assert.deepEqual(values.image, prometheusAdapterImage);
      assert.deepEqual({ nodeSelector: values.nodeSelector, tolerations: values.tolerations }, podPlacement("system"));
      assert.equal(values.replicas, 2);
      assert.deepEqual(values.podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
      assert.deepEqual(values.topologySpreadConstraints.map((c: any) => [c.whenUnsatisfiable, c.labelSelector.matchLabels]), [
        ["DoNotSchedule", METRICS_ADAPTER_POD_LABELS],
        ["ScheduleAnyway", METRICS_ADAPTER_POD_LABELS],
      ]);
    });

    it("restricted: non-root, no privilege escalation, every capability dropped, read-only root, RuntimeDefault seccomp; resources set", () => {
      assert.equal(values.podSecurityContext.runAsNonRoot, true);
      assert.deepEqual(values.podSecurityContext.seccompProfile, { type: "RuntimeDefault" });
      assert.equal(values.securityContext.allowPrivilegeEscalation, false);
      assert.deepEqual(values.securityContext.capabilities.drop, ["ALL"]);
      assert.equal(values.securityContext.readOnlyRootFilesystem, true);
      assert.ok(values.resources.requests.cpu && values.resources.requests.memory && values.resources.limits.memory);
    });

    it("queries Thanos query (every Prometheus replica, deduplicated)", () => {
      assert.equal(`${values.prometheus.url}:${values.prometheus.port}${values.prometheus.path}`, thanosQueryUrl);
    });

    it("serves exactly the declared metrics: the chart's default rules off, one custom rule per Pods metric, one external rule per External metric name", () => {
      assert.equal(values.rules.default, false);
      assert.deepEqual(ruleNames(values.rules.custom), ["active_tasks", "http_requests_per_second"]);
      assert.deepEqual(ruleNames(values.rules.external), ["kafka_consumer_lag", "queue_depth"]);
      for (const rule of values.rules.custom) assert.equal(rule.seriesQuery, `{__name__="${rule.name.as}",namespace!="",pod!=""}`);
      for (const rule of values.rules.external) {
        assert.equal(rule.seriesQuery, `{__name__="${rule.name.as}"}`);
        // Exporters live in other namespaces than the HPA: the selector, not the namespace, narrows the series.
        assert.deepEqual(rule.resources, { namespaced: false });
      }
    });

    it("on EKS it also serves the resource metrics API (CPU and memory of pods and nodes)", () => {
      assert.deepEqual(Object.keys(values.rules.resource).sort(), ["cpu", "memory", "window"]);
      for (const r of ["cpu", "memory"]) {
        assert.match(values.rules.resource[r].containerQuery, /<<\.LabelMatchers>>/);
        assert.equal(values.rules.resource[r].containerLabel, "container");
      }
    });

    it("a metric with a query is recorded under its name, once, by a PrometheusRule in monitoring", () => {
      const rule = findObject(objects, "PrometheusRule", MONITORING_NAMESPACE, AUTOSCALING_METRICS_RULE) as any;
      assert.deepEqual(
        rule.spec.groups.flatMap((g: any) => g.rules),
        [
          { record: "kafka_consumer_lag", expr: consumerLag.query },
          { record: "http_requests_per_second", expr: requestRate.query },
        ],
      );
    });

    it("network rules: the API server (the VPC) in on the adapter's port, with the reason; out to Thanos query's HTTP port", () => {
      const vpcCidr = specOf({ profile: "prod", layers }).cluster.vpcCidr;
      const ingress = findObject(objects, "NetworkPolicy", MONITORING_NAMESPACE, metricsAdapterPolicyName.ingressFromApiServer) as any;
      assert.deepEqual(ingress.spec, {
        podSelector: { matchLabels: METRICS_ADAPTER_POD_LABELS },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ ipBlock: { cidr: vpcCidr } }], ports: [{ protocol: "TCP", port: METRICS_ADAPTER_PORT }] }],
      });
      assert.match(ingress.metadata.annotations[OPEN_INGRESS_REASON_ANNOTATION], /API server/);
      assert.equal(ingress.metadata.annotations[HTTPS_EGRESS_REASON_ANNOTATION], undefined);
      const egress = findObject(objects, "NetworkPolicy", MONITORING_NAMESPACE, metricsAdapterPolicyName.egressToThanosQuery) as any;
      assert.deepEqual(egress.spec.podSelector, { matchLabels: METRICS_ADAPTER_POD_LABELS });
      assert.deepEqual(egress.spec.egress, [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": MONITORING_NAMESPACE } }, podSelector: { matchLabels: thanosSelector("query") } }],
          ports: [{ protocol: "TCP", port: thanosPorts.http }],
        },
      ]);
    });

    it("the release waits for the monitoring namespace's rules and its own, not the other way round", () => {
      const release = adapterReleases(run)[0];
      const policyUrns = run.resources.filter((r) => Object.values(metricsAdapterPolicyName).some((n) => r.name === `${MONITORING_NAMESPACE}/${n}`)).map((r) => r.urn);
      assert.equal(policyUrns.length, 2);
      for (const urn of policyUrns) assert.ok(release.dependsOn.includes(urn), urn);
      for (const r of run.resources) for (const urn of policyUrns) if (r.urn !== release.urn) assert.ok(!r.dependsOn.includes(urn), `${r.urn} waits for ${urn}`);
    });
  });
});

for (const stack of STACKS) {
  describe(`the Prometheus adapter in the ${stack} stack (no layer declares metrics)`, () => {
    it("serves the resource metrics API only (EKS has no metrics-server); no custom or external rules, no recording rule", async () => {
      const run = await stackRun(stack);
      const releases = adapterReleases(run);
      assert.equal(releases.length, 1);
      const rules = releases[0].inputs.values.rules;
      assert.deepEqual([rules.default, rules.custom, rules.external, Object.keys(rules.resource).sort()], [false, [], [], ["cpu", "memory", "window"]]);
      assert.equal(releases[0].inputs.values.replicas, stack === "prod" ? 2 : 1);
      assert.equal(kubernetesObjects(run.resources).filter((o) => o.metadata.name === AUTOSCALING_METRICS_RULE).length, 0);
    });
  });
}

describe("the Prometheus adapter on an existing cluster", () => {
  const existing = { profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS };
  const adapterPolicies = (run: SucceededRun) =>
    kubernetesObjects(run.resources).filter((o) => o.kind === "NetworkPolicy" && Object.values<string>(metricsAdapterPolicyName).includes(o.metadata.name));

  it("is not deployed when no layer declares a metric: the cluster's own metrics-server serves metrics.k8s.io", async () => {
    const run = await runValidConfig(existing);
    assert.equal(adapterReleases(run).length, 0);
    assert.equal(adapterPolicies(run).length, 0);
  });

  it("serves the declared metrics but not the resource metrics API, unless the config turns it on", async () => {
    const declared = await runValidConfig({ ...existing, layers });
    assert.equal(adapterReleases(declared)[0].inputs.values.rules.resource, undefined);
    assert.equal(adapterPolicies(declared).length, 2);
    const on = await runValidConfig({ ...existing, observability: { ...EXISTING_LAYERS.observability, metricsAdapter: { resourceMetrics: true } } });
    assert.deepEqual(Object.keys(adapterReleases(on)[0].inputs.values.rules.resource).sort(), ["cpu", "memory", "window"]);
  });
});

describe("invalid autoscaling metrics", () => {
  const withMetrics = (...metrics: unknown[]) => ({ profile: "dev", layers: [testLayer("app", { autoscaling: { maxReplicas: 5, metrics } })] });
  const at = (j: number, key?: string) => `layers[0].${PREFIX}[${j}]${key ? `.${key}` : ""}`;
  itRejectsEachCase([
    { title: "a metric name Prometheus cannot have", config: withMetrics({ ...activeTasks, name: "active-tasks" }), issues: [issue(at(0, "name"), /Prometheus metric name/)] },
    { title: "an unknown metric type", config: withMetrics({ type: "Object", name: "x", averageValue: "1" }), issues: [issue(at(0, "type"), /"Pods" or "External"/)] },
    { title: "a target that is not a quantity", config: withMetrics({ ...activeTasks, averageValue: "ten" }), issues: [issue(at(0, "averageValue"), /quantity such as "10"/)] },
    { title: "a zero target", config: withMetrics({ ...activeTasks, averageValue: "0" }), issues: [issue(at(0, "averageValue"), /above zero/)] },
    { title: "an External metric with both value and averageValue", config: withMetrics({ ...queueDepth, averageValue: "10" }), issues: [issue(at(0), /exactly one of value and averageValue/)] },
    { title: "an External metric with neither", config: withMetrics({ type: "External", name: "queue_depth" }), issues: [issue(at(0), /exactly one of value and averageValue/)] },
    { title: "a selector on a Pods metric", config: withMetrics({ ...activeTasks, selector: { a: "b" } }), issues: [issue(at(0, "selector"), /applies to type "External" only/)] },
    { title: "a selector label that is not a label name", config: withMetrics({ ...queueDepth, selector: { "queue-name": "a" } }), issues: [issue(at(0, "selector.queue-name"), /label name/)] },
    { title: "a query with a Helm template", config: withMetrics({ ...activeTasks, query: "sum({{ .x }})" }), issues: [issue(at(0, "query"), /"\{\{"/)] },
    { title: "an empty metrics list", config: withMetrics(), issues: [issue(`layers[0].${PREFIX}`, /at least 1|>=1/)] },
    { title: "the same Pods metric twice", config: withMetrics(activeTasks, { ...activeTasks, averageValue: "5" }), issues: [issue(at(1, "name"), /listed twice/)] },
    {
      title: "the same External metric twice with the same selector (different selectors are two metrics)",
      config: withMetrics({ ...consumerLag, selector: { consumergroup: "a" } }, { ...consumerLag, selector: { consumergroup: "b" } }, { ...consumerLag, selector: { consumergroup: "a" }, averageValue: "5" }),
      issues: [issue(at(2, "name"), /External metric "kafka_consumer_lag" is listed twice with the same selector \(also autoscaling\.metrics\[0\]\)/)],
    },
    { title: "resourceMetrics that is not a boolean", config: { profile: "dev", observability: { metricsAdapter: { resourceMetrics: "yes" } } }, issues: [issue("observability.metricsAdapter.resourceMetrics", /boolean/)] },
    {
      title: "one metric name with two queries in two layers",
      config: {
        profile: "dev",
        layers: [
          testLayer("a", { autoscaling: { maxReplicas: 5, metrics: [{ ...activeTasks, query: "sum by (namespace, pod) (tasks)" }] } }),
          testLayer("b", { autoscaling: { maxReplicas: 5, metrics: [activeTasks] } }),
        ],
      },
      issues: [issue(`layers[1].${PREFIX}[0].name`, /"active_tasks" has no query .* but query "sum by \(namespace, pod\) \(tasks\)" at layers\[0\]/)],
    },
  ]);
});
