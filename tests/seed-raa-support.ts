import { strict as assert } from "node:assert";
import { EGRESS_GATEWAY_NAMESPACE } from "../platform/egress";
import type { SucceededRun } from "../offline/run";
import { SIDECAR_RESOURCES } from "../platform/istio";
import { labelKeys } from "../platform/labels";
import { parseQuantity } from "../platform/quantity";
import { allowedFlows, applicationObjects, deploymentPeakPods, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind } from "./harness";
import { appContainer, dataCluster, deploymentOf, nodePoolOf, sameQuantity } from "./seed-support";

/** Seed 003's "LLM APIs • OpenAI, Anthropic": the hosts the agents declare (layers[agent].egress). */
export const LLM_APIS = ["api.openai.com", "api.anthropic.com"] as const;

/**
 * Seed 003 (reflective adaptive agent), shared by its two profiles `raa-single-tenant` (model 1) and
 * `raa-multi-tenant` (model 2): the seed's numbers, written out from the document, and the assertions both
 * models must pass on what the program registers. The model-specific ones: tests/seed-raa-*.test.ts.
 */

/** "Customer A / Customer B / Customer C". */
export const CUSTOMERS = ["customer-a", "customer-b", "customer-c"];

/** "Agent Instance Pool (Auto-scaling)": min 3 (HA), max 50, 70 % CPU; 2–4 vCPU and 4–8 GB per instance. */
export const AGENT = {
  minReplicas: 3,
  maxReplicas: 50,
  cpu: 70,
  requests: { cpu: "2", memory: "4Gi" },
  limits: { cpu: "4", memory: "8Gi" },
  /** "Active tasks per instance > 10 → Scale up". */
  activeTasks: "10",
  /** "Queue depth > 100 → Scale up". */
  queueDepth: "100",
  /** "CPU > 70% for 3 minutes → Scale up", "CPU < 30% for 10 minutes → Scale down". */
  upWindowSeconds: 3 * 60,
  downWindowSeconds: 10 * 60,
  /** "desired_instances = current_instances * 1.5" / "* 0.7", or one instance ("+ 1", "- 1"), per minute. */
  upFactor: 1.5,
  downFactor: 0.7,
};

/** "Automated Snapshots: Every 6 hours • Retention: 7 days (28 snapshots)"; "Long-term Backups: Weekly, 1 year". */
export const SNAPSHOT_EVERY_HOURS = 6;
export const SNAPSHOT_RETENTION_DAYS = 7;
export const LONG_TERM_RETENTION_DAYS = 365;

/** The HPA behaviour the seed's scaling policy implies (fast up, slow down, a minute apart). */
export function seedBehavior() {
  const percent = (factor: number) => Math.round(Math.abs(factor - 1) * 100);
  return {
    scaleUp: { stabilizationWindowSeconds: AGENT.upWindowSeconds, policies: [{ type: "Percent", value: percent(AGENT.upFactor), periodSeconds: 60 }, { type: "Pods", value: 1, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: AGENT.downWindowSeconds, policies: [{ type: "Percent", value: percent(AGENT.downFactor), periodSeconds: 60 }, { type: "Pods", value: 1, periodSeconds: 60 }] },
  };
}

/** The namespaces whose objects carry another tenant's label than `tenant`. */
export function otherTenantsNamespaces(run: SucceededRun, tenant: string): string[] {
  return objectsOfKind(kubernetesObjects(run.resources), "Namespace")
    .filter((n) => n.metadata.labels?.[labelKeys.tenant] !== undefined && n.metadata.labels[labelKeys.tenant] !== tenant)
    .map((n) => n.metadata.name);
}

/** The tests both models share; `agents` are the agent layers as deployed (a copy per customer, or the one pool). */
export function raaCommonTests(stack: string, getRun: () => SucceededRun, agents: () => string[]): void {
  it("the LLM APIs (OpenAI, Anthropic) by name through the egress gateway, each admitted from the agents' own accounts only; nothing else leaves", () => {
    const objects = kubernetesObjects(getRun().resources);
    const entries = objectsOfKind<any>(objects, "ServiceEntry");
    assert.deepEqual(entries.map((e) => e.spec.hosts[0]).sort(), [...LLM_APIS].sort());
    const [policy] = objectsOfKind<any>(objects, "AuthorizationPolicy").filter((p) => p.metadata.namespace === EGRESS_GATEWAY_NAMESPACE);
    const principals = agents().map((a) => `cluster.local/ns/${a}/sa/${a}`).sort();
    for (const rule of policy.spec.rules) assert.deepEqual([...rule.from[0].source.principals].sort(), principals, rule.when[0].values[0]);
    assert.deepEqual(policy.spec.rules.map((r: any) => r.when[0].values[0]).sort(), [...LLM_APIS].sort());
    const wide = objectsOfKind<any>(objects, "NetworkPolicy").filter((p) => agents().includes(p.metadata.namespace) && JSON.stringify(p.spec).includes("ipBlock"));
    assert.deepEqual(wide, [], "the agents' namespaces allow no address block");
  });

  it("us-east-1, two availability zones (a private subnet each, where Karpenter's nodes go)", () => {
    const run = getRun();
    for (const p of run.resources.filter((r) => r.type === "pulumi:providers:aws" && !/repo2/.test(r.name))) assert.equal((p.inputs as any).region, "us-east-1", p.name);
    const privateSubnets = run.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs as any).tags?.["kubernetes.io/role/internal-elb"] !== undefined);
    assert.equal(privateSubnets.length, 2);
    for (const s of privateSubnets) assert.equal((s.inputs as any).tags["karpenter.sh/discovery"], (run.outputs.cluster as { name: string }).name);
    assert.deepEqual(nodePoolOf(run, "stateful").capacityTypes, ["on-demand"]);
  });

  it("the agents at their maximum (with their surge and sidecars) fit the on-demand pool's limits: Karpenter adds the nodes", () => {
    const pools = (getRun().outputs.karpenter as { nodePools: Record<string, { baseline: { cpu: number }; peak: { cpu: number; memoryGiB: number }; limits: { cpu: number; memoryGiB: number } }> }).nodePools;
    const onDemand = pools["on-demand"];
    assert.ok(onDemand.peak.cpu <= onDemand.limits.cpu && onDemand.peak.memoryGiB <= onDemand.limits.memoryGiB, JSON.stringify(onDemand));
    assert.ok(onDemand.peak.cpu > 4 * onDemand.baseline.cpu, "the agents scale well beyond their baseline");
  });

  it("agent pool: min 3, max 50, 70 % CPU, up after 3 minutes (×1.5), down after 10 minutes (×0.7); 2–4 vCPU and 4–8 GB per instance", () => {
    const run = getRun();
    for (const agent of agents()) {
      const [hpa] = objectsOfKind<any>(objectsOfLayer(run, agent), "HorizontalPodAutoscaler");
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [AGENT.minReplicas, AGENT.maxReplicas], agent);
      assert.deepEqual(hpa.spec.metrics[0], { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: AGENT.cpu } } }, agent);
      const activeTasks = hpa.spec.metrics.find((m: any) => m.pods?.metric.name === "active_tasks");
      assert.deepEqual(activeTasks?.pods.target, { type: "AverageValue", averageValue: AGENT.activeTasks }, `${agent}: active tasks per instance`);
      assert.deepEqual(hpa.spec.behavior, seedBehavior(), agent);
      const { resources } = appContainer(deploymentOf(run, agent));
      assert.ok(sameQuantity(resources.requests.cpu, AGENT.requests.cpu) && sameQuantity(resources.requests.memory, AGENT.requests.memory), agent);
      assert.ok(sameQuantity(resources.limits.cpu, AGENT.limits.cpu) && sameQuantity(resources.limits.memory, AGENT.limits.memory), agent);
    }
  });

  it("per-tenant quotas: each customer's namespaces have their own ResourceQuota, sized for that copy's peak (app container + sidecar)", () => {
    const run = getRun();
    const quotas = objectsOfKind<any>(applicationObjects(run), "ResourceQuota");
    for (const customer of CUSTOMERS) {
      const namespaces = objectsOfKind(applicationObjects(run), "Namespace").filter((n) => n.metadata.labels?.[labelKeys.tenant] === customer).map((n) => n.metadata.name);
      assert.ok(namespaces.length > 0, customer);
      for (const ns of namespaces) {
        const own = quotas.filter((q) => q.metadata.namespace === ns);
        assert.equal(own.length, 1, `${ns}: one quota`);
        const deployment = deploymentOf(run, ns);
        const [hpa] = objectsOfKind<any>(objectsOfLayer(run, ns), "HorizontalPodAutoscaler");
        const pods = deploymentPeakPods(deployment, hpa);
        const { requests } = appContainer(deployment).resources;
        const hard = own[0].spec.hard;
        assert.equal(Number(hard.pods), pods, ns);
        assert.ok(Math.abs(parseQuantity(hard["requests.cpu"]) - pods * (parseQuantity(requests.cpu) + parseQuantity(SIDECAR_RESOURCES.requests.cpu))) < 1e-6, `${ns}: requests.cpu ${hard["requests.cpu"]}`);
      }
    }
  });

  it("no NetworkPolicy of a customer's namespace allows traffic to or from another customer's", () => {
    const run = getRun();
    const policies = objectsOfKind(applicationObjects(run), "NetworkPolicy");
    for (const customer of CUSTOMERS) {
      const others = new Set(otherTenantsNamespaces(run, customer));
      const own = objectsOfKind(applicationObjects(run), "Namespace").filter((n) => n.metadata.labels?.[labelKeys.tenant] === customer).map((n) => n.metadata.name);
      for (const ns of own) {
        const flows = allowedFlows(policies.filter((p) => p.metadata.namespace === ns));
        for (const f of flows) assert.ok(!others.has(f.namespace), `${ns} allows ${f.direction} ${f.namespace}`);
      }
    }
  });

  it("every workload spread over the zones (DoNotSchedule), so the pool survives a zone", () => {
    for (const d of objectsOfKind<any>(applicationObjects(getRun()), "Deployment")) {
      const zone = d.spec.template.spec.topologySpreadConstraints.find((c: any) => c.topologyKey === "topology.kubernetes.io/zone");
      assert.equal(zone?.whenUnsatisfiable, "DoNotSchedule", d.metadata.name);
    }
  });

  it("Redis Cluster: a primary and a replica per shard (3 + 3), 8–16 GB a node, AOF persistence", () => {
    const run = getRun();
    const redis = dataCluster(run, "redis");
    assert.deepEqual([redis.spec.redisLeader.replicas, redis.spec.redisFollower.replicas], [3, 3]);
    const { resources } = redis.spec.kubernetesConfig;
    assert.ok(sameQuantity(resources.requests.memory, "8Gi") && sameQuantity(resources.limits.memory, "16Gi"));
    const config = objectsOfKind<any>(kubernetesObjects(run.resources), "ConfigMap").find((c) => c.metadata.namespace === "redis");
    assert.match(Object.values<string>(config.data).join("\n"), /^appendonly yes$/m);
  });

  it("document database: primary + 2 secondaries with a synchronous standby, pgvector, a database per customer's memory", () => {
    const run = getRun();
    const pg = dataCluster(run, "postgres");
    assert.deepEqual(pg.spec.instances.map((i: any) => i.replicas), [3]);
    assert.equal(pg.spec.patroni.dynamicConfiguration.synchronous_mode, true);
    const init = objectsOfKind<any>(kubernetesObjects(run.resources), "ConfigMap").find((c) => c.metadata.namespace === "postgres" && /init/.test(c.metadata.name));
    for (const customer of CUSTOMERS) {
      const user = pg.spec.users.find((u: any) => u.name === `${customer}-memory`);
      assert.deepEqual(user?.databases, [`${customer}-memory`], customer);
      assert.match(init.data["init.sql"], new RegExp(`\\\\c "${customer}-memory"\\nCREATE EXTENSION IF NOT EXISTS "vector";`), customer);
    }
  });

  it("backups: database snapshots every 6 hours kept 7 days (28), weekly long-term backups kept a year (pgBackRest repo2 in another region)", () => {
    const run = getRun();
    const schedules = objectsOfKind<any>(kubernetesObjects(run.resources), "Schedule");
    const every6h = schedules.find((s) => s.spec.schedule === `0 */${SNAPSHOT_EVERY_HOURS} * * *`);
    const everyHours = Number(/^\d+ \*\/(\d+) \* \* \*$/.exec(every6h?.spec.schedule)?.[1]);
    const keptHours = Number(/^(\d+)h0m0s$/.exec(every6h?.spec.template.ttl)?.[1]);
    assert.equal(keptHours / everyHours, 28, `${every6h?.spec.schedule} kept ${every6h?.spec.template.ttl}: 28 snapshots`);
    assert.equal(every6h?.spec.template.ttl, `${SNAPSHOT_RETENTION_DAYS * 24}h0m0s`);
    assert.deepEqual(every6h.spec.template.includedNamespaces, ["postgres", "redis"]);
    const weekly = schedules.find((s) => / \* \* 0$/.test(s.spec.schedule));
    assert.equal(weekly?.spec.template.ttl, `${LONG_TERM_RETENTION_DAYS * 24}h0m0s`);
    const { global, repos } = dataCluster(run, "postgres").spec.backups.pgbackrest;
    assert.equal(repos[0].schedules.incremental, `0 */${SNAPSHOT_EVERY_HOURS} * * *`);
    assert.equal(global["repo1-retention-full"], String(SNAPSHOT_RETENTION_DAYS));
    assert.equal(global["repo2-retention-full"], String(LONG_TERM_RETENTION_DAYS));
    assert.match(repos[1].schedules.full, / \* \* 0$/, "weekly");
    assert.equal(repos[1].s3.region, "us-west-2");
  });

  it("metrics: 7 days raw, 30 days downsampled, 1 year aggregated", () => {
    const compactor = objectsOfKind<any>(kubernetesObjects(getRun().resources), "StatefulSet").find((s) => s.metadata.name === "thanos-compact");
    const args: string[] = compactor.spec.template.spec.containers[0].args;
    for (const arg of ["--retention.resolution-raw=7d", "--retention.resolution-5m=30d", "--retention.resolution-1h=1y"]) assert.ok(args.includes(arg), `${stack}: ${arg}`);
  });
}
