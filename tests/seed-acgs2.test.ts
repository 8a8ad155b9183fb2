import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { applicationObjects, deploymentPeakPods, findObject, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind, stackRun } from "./harness";
import {
  admittedLayers,
  appContainer,
  dataCluster,
  deploymentOf,
  instanceCapacity,
  networkNeighbours,
  nodePoolOf,
  sameQuantity,
} from "./seed-support";
import { release } from "./services-support";

/**
 * Seed 004 (ACGS-2 high availability) as the stack `acgs2`: the HA guide's numbers, written out here from the
 * seed's manifests, asserted on what the program registers under mocks. docs/profiles/acgs2.md maps each
 * requirement to its config key.
 */

const GATEWAY = "acgs2-api-gateway";
const BUS = "acgs2-enhanced-agent-bus";
const POLICY = "acgs2-policy-engine";
const AUDIT = "acgs2-audit-service";
const SERVICES = [GATEWAY, BUS, POLICY, AUDIT];

/** "Application Layer HA": the floor of each service ("3+"; the agent bus's "5+" is its HPA's 3, §Decisions 1). */
const MIN_REPLICAS: Record<string, number> = { [GATEWAY]: 3, [BUS]: 3, [POLICY]: 3, [AUDIT]: 3 };

/** acgs2-enhanced-agent-bus-hpa and acgs2-api-gateway-hpa, as the seed writes them (autoscaling/v2). */
const cpu70 = { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } };
const memory80 = { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } };
const SEED_HPAS = {
  [BUS]: {
    minReplicas: 3,
    maxReplicas: 10,
    metrics: [cpu70, memory80],
    behavior: {
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] },
      scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }, { type: "Pods", value: 2, periodSeconds: 60 }] },
    },
  },
  [GATEWAY]: {
    minReplicas: 3,
    maxReplicas: 20,
    metrics: [cpu70, memory80, { type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", averageValue: "100" } } }],
    behavior: {
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 10, periodSeconds: 60 }, { type: "Pods", value: 1, periodSeconds: 60 }] },
      scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }, { type: "Pods", value: 4, periodSeconds: 60 }] },
    },
  },
};

describe("seed 004 ACGS-2 high availability (stack acgs2)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("acgs2");
  });

  it("region us-east-1 (Region 1): every AWS resource but the second pgBackRest repository's, which is in us-west-2", () => {
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
    const regions = new Map(providers.map((p) => [p.urn, (p.inputs as any).region]));
    const other = providers.filter((p) => regions.get(p.urn) !== "us-east-1");
    assert.deepEqual(other.map((p) => regions.get(p.urn)), ["us-west-2"]);
    const inOther = run.resources.filter((r) => r.custom && r.provider?.startsWith(`${other[0].urn}::`));
    assert.ok(inOther.length > 0 && inOther.every((r) => /repo2/.test(r.name)), inOther.map((r) => r.name).join(", "));
  });

  it("the four services with their floors: the API gateway and the agent bus autoscaled exactly as the seed's HPAs, the policy engine and audit service 3 each", () => {
    assert.deepEqual(objectsOfKind(applicationObjects(run), "Deployment").map((d) => d.metadata.name).sort(), [...SERVICES].sort());
    for (const name of SERVICES) {
      const hpas = objectsOfKind<any>(objectsOfLayer(run, name), "HorizontalPodAutoscaler");
      const seed = SEED_HPAS[name as keyof typeof SEED_HPAS];
      if (seed) {
        const { spec } = findObject(hpas, "HorizontalPodAutoscaler", name, name) as any;
        assert.deepEqual({ minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics: spec.metrics, behavior: spec.behavior }, seed, name);
        assert.equal(deploymentOf(run, name).spec.replicas, undefined, `${name}: the autoscaler owns the count`);
        assert.ok(spec.minReplicas >= MIN_REPLICAS[name], name);
      } else {
        assert.deepEqual(hpas, [], `${name}: no autoscaler`);
        assert.equal(deploymentOf(run, name).spec.replicas, MIN_REPLICAS[name], name);
      }
    }
  });

  it("the agent bus: 1000m / 2Gi requested, 2000m / 4Gi limit, never two pods on one node, and room on the workers for its maximum plus surge", () => {
    const deployment = deploymentOf(run, BUS);
    const { resources } = appContainer(deployment);
    assert.ok(sameQuantity(resources.requests.cpu, "1000m") && sameQuantity(resources.requests.memory, "2Gi"));
    assert.ok(sameQuantity(resources.limits.cpu, "2000m") && sameQuantity(resources.limits.memory, "4Gi"));
    assert.deepEqual(deployment.spec.template.spec.affinity, {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: deployment.spec.selector.matchLabels }, topologyKey: "kubernetes.io/hostname" }],
      },
    });
    for (const other of SERVICES.filter((n) => n !== BUS)) assert.equal(deploymentOf(run, other).spec.template.spec.affinity, undefined, other);
    // Karpenter adds a node per pod: the pool may have one for each at the maximum plus surge.
    const workers = nodePoolOf(run, "on-demand");
    const [hpa] = objectsOfKind<any>(objectsOfLayer(run, BUS), "HorizontalPodAutoscaler");
    assert.equal(hpa.spec.maxReplicas, SEED_HPAS[BUS].maxReplicas);
    assert.ok(workers.limits.nodes! >= deploymentPeakPods(deployment, hpa), "one node per pod at the maximum");
  });

  it("every service: a PodDisruptionBudget of minAvailable 2", () => {
    for (const name of SERVICES) {
      const [pdb] = objectsOfKind<any>(objectsOfLayer(run, name), "PodDisruptionBudget");
      assert.equal(pdb.spec.minAvailable, 2, name);
      assert.equal(pdb.spec.maxUnavailable, undefined, name);
    }
  });

  it("nodes: workers of 16 vCPU / 64 GB with 1 TB disks, room for the seed's 15; storage nodes of 8 vCPU / 32 GB, room for its 9; both scaled by Karpenter", () => {
    const workers = nodePoolOf(run, "on-demand");
    assert.ok(workers.limits.nodes! >= 15 && workers.limits.cpu >= 15 * 16, `${workers.limits.nodes} nodes, ${workers.limits.cpu} vCPU`);
    assert.equal(workers.diskSizeGiB, 1000);
    for (const t of workers.instanceTypes!) assert.deepEqual(instanceCapacity(t), { vcpus: 16, memoryGiB: 64 }, t);
    const storage = nodePoolOf(run, "stateful");
    assert.ok(storage.limits.nodes! >= 9 && storage.limits.cpu >= 9 * 8, `${storage.limits.nodes} nodes, ${storage.limits.cpu} vCPU`);
    for (const t of storage.instanceTypes!) assert.deepEqual(instanceCapacity(t), { vcpus: 8, memoryGiB: 32 }, t);
    assert.deepEqual(storage.capacityTypes, ["on-demand"]);
  });

  it("PostgreSQL: Postgres 15, instance sets instance1 and instance2 of 3 × 1Ti, synchronous replication, pgBouncer ×3, repos in us-east-1 and us-west-2", () => {
    const pg = dataCluster(run, "postgres");
    assert.equal(pg.spec.postgresVersion, 15);
    assert.deepEqual(
      pg.spec.instances.map((i: any) => [i.name, i.replicas, i.dataVolumeClaimSpec.resources.requests.storage]),
      [["instance1", 3, "1Ti"], ["instance2", 3, "1Ti"]],
    );
    assert.equal(pg.spec.patroni.dynamicConfiguration.synchronous_mode, true);
    assert.equal(pg.spec.proxy.pgBouncer.replicas, 3);
    assert.deepEqual(pg.spec.backups.pgbackrest.repos.map((r: any) => [r.name, r.s3.region]), [["repo1", "us-east-1"], ["repo2", "us-west-2"]]);
  });

  it("Kafka: 5 brokers of 1000Gi, RF 3 and min ISR 2 (offsets and transaction log alike); ZooKeeper's 3 × 100Gi as the KRaft controllers", () => {
    const pools = objectsOfKind<any>(kubernetesObjects(run.resources), "KafkaNodePool");
    const pool = (role: string) => pools.find((p) => p.spec.roles.includes(role));
    assert.deepEqual([pool("broker").spec.replicas, pool("broker").spec.storage.volumes[0].size], [5, "1000Gi"]);
    assert.deepEqual([pool("controller").spec.replicas, pool("controller").spec.storage.volumes[0].size], [3, "100Gi"]);
    const { config } = dataCluster(run, "kafka").spec.kafka;
    assert.deepEqual(
      [config["default.replication.factor"], config["min.insync.replicas"], config["offsets.topic.replication.factor"], config["transaction.state.log.replication.factor"], config["transaction.state.log.min.isr"]],
      [3, 2, 3, 3, 2],
    );
  });

  it("Redis: clusterSize 6 (6 leaders, each with a follower) with persistence on 100Gi volumes and the exporter", () => {
    const redis = dataCluster(run, "redis");
    assert.deepEqual([redis.spec.clusterSize, redis.spec.redisLeader.replicas, redis.spec.redisFollower.replicas], [6, 6, 6]);
    assert.equal(redis.spec.persistenceEnabled, true);
    assert.equal(redis.spec.redisExporter.enabled, true);
    assert.equal(redis.spec.storage.volumeClaimTemplate.spec.resources.requests.storage, "100Gi");
  });

  it("acgs2-api-ingress: an internet-facing ALB (IP targets) for api.acgs2.com with TLS from an ACM certificate and a WAF, its DNS record by external-dns", () => {
    const objects = kubernetesObjects(run.resources);
    const [ingress] = objectsOfKind<any>(objects, "Ingress");
    const annotations = ingress.metadata.annotations;
    assert.deepEqual([ingress.spec.ingressClassName, annotations["alb.ingress.kubernetes.io/scheme"], annotations["alb.ingress.kubernetes.io/target-type"]], ["alb", "internet-facing", "ip"]);
    assert.deepEqual(ingress.spec.rules.map((r: any) => r.host), ["api.acgs2.com"]);
    const certificate = run.resources.find((r) => r.type === "aws:acm/certificate:Certificate")!;
    assert.equal(certificate.inputs.domainName, "api.acgs2.com");
    assert.match(annotations["alb.ingress.kubernetes.io/certificate-arn"], /^arn:aws:acm:us-east-1:\d{12}:certificate\//);
    assert.match(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"], /^arn:aws:wafv2:us-east-1:\d{12}:regional\/webacl\//);
    assert.equal(run.resources.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl").length, 1);
    assert.ok(run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "external-dns"));
  });

  it("acgs2-api: /api/v1 to the API gateway, timeout 30s, 3 retries of 10s, a 5s delay on 0.1 % of requests (allowed in prod on purpose)", () => {
    const objects = kubernetesObjects(run.resources);
    const [route] = objectsOfKind<any>(objects, "VirtualService").flatMap((v) => v.spec.http);
    assert.deepEqual(route.match, [{ uri: { prefix: "/api/v1" } }]);
    assert.deepEqual(route.route.map((r: any) => r.destination.host), [`${GATEWAY}.${GATEWAY}.svc.cluster.local`]);
    assert.equal(route.timeout, "30s");
    assert.deepEqual([route.retries.attempts, route.retries.perTryTimeout], [3, "10s"]);
    assert.deepEqual(route.fault, { delay: { percentage: { value: 0.1 }, fixedDelay: "5s" } });
  });

  it("every service's DestinationRule: ROUND_ROBIN, connection pool 100 / 10 / 10, outlier detection 5 / 10s / 30s / 50 %", () => {
    for (const name of SERVICES) {
      const [rule] = objectsOfKind<any>(objectsOfLayer(run, name), "DestinationRule");
      const { loadBalancer, connectionPool, outlierDetection } = rule.spec.trafficPolicy;
      assert.deepEqual(loadBalancer, { simple: "ROUND_ROBIN" }, name);
      assert.deepEqual(connectionPool, { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10, maxRequestsPerConnection: 10 } }, name);
      assert.deepEqual(outlierDetection, { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 }, name);
    }
  });

  it("monitoring: Prometheus ×2 with 6h retention, 2Gi requested and the Thanos sidecar; Alertmanager ×3", () => {
    const values = release(run, "kube-prometheus-stack").inputs.values;
    const p = values.prometheus.prometheusSpec;
    assert.deepEqual([p.replicas, p.retention], [2, "6h"]);
    assert.ok(sameQuantity(p.resources.requests.memory, "2Gi"));
    assert.ok(p.thanos.image.startsWith("quay.io/thanos/thanos:"));
    assert.equal(values.alertmanager.alertmanagerSpec.replicas, 3);
  });

  it("the 99.99 % availability SLO: every burn-rate alert measures against an error budget of 0.0001", () => {
    const rules = objectsOfKind<any>(kubernetesObjects(run.resources), "PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
    const burn = rules.filter((r) => r.alert === "LayerErrorBudgetBurn");
    assert.ok(burn.length > 0);
    for (const rule of burn) assert.match(rule.expr, /\* 0\.0001\b/, rule.expr);
  });

  it("Velero: acgs2-daily-backup at 02:00, kept 720h0m0s, the services', data and monitoring namespaces", () => {
    const schedules = objectsOfKind<any>(kubernetesObjects(run.resources), "Schedule");
    assert.deepEqual(schedules.map((s) => [s.metadata.name, s.spec.schedule, s.spec.template.ttl]), [["acgs2-daily-backup", "0 2 * * *", "720h0m0s"]]);
    assert.deepEqual([...schedules[0].spec.template.includedNamespaces].sort(), [...SERVICES, "kafka", "monitoring", "postgres", "redis"].sort());
  });

  it("network: every namespace denies all by default and every service's allows DNS; who calls whom (inferred): gateway → agent bus → policy engine and audit", () => {
    const objects = kubernetesObjects(run.resources);
    const policies = objectsOfKind<any>(objects, "NetworkPolicy");
    for (const ns of objectsOfKind(objects, "Namespace")) {
      const names = policies.filter((p) => p.metadata.namespace === ns.metadata.name).map((p) => p.metadata.name);
      assert.ok(names.includes("default-deny-all"), `${ns.metadata.name}: no default-deny-all`);
    }
    for (const name of SERVICES) {
      const dns = policies.find((p) => p.metadata.namespace === name && p.metadata.name === "allow-dns-egress");
      assert.ok(dns, `${name}: no allow-dns-egress`);
      assert.deepEqual(dns.spec.egress.flatMap((e: any) => e.ports.map((p: any) => `${p.protocol}/${p.port}`)).sort(), ["TCP/53", "UDP/53"]);
    }
    const expected: Record<string, string[]> = { [GATEWAY]: [BUS], [BUS]: [GATEWAY, POLICY, AUDIT], [POLICY]: [BUS], [AUDIT]: [BUS] };
    for (const name of SERVICES) assert.deepEqual(networkNeighbours(run, name, SERVICES), [...expected[name]].sort(), name);
    assert.deepEqual(admittedLayers(run, GATEWAY, SERVICES), []);
    assert.deepEqual(admittedLayers(run, BUS, SERVICES), [GATEWAY]);
    for (const name of [POLICY, AUDIT]) assert.deepEqual(admittedLayers(run, name, SERVICES), [BUS], name);
  });
});
