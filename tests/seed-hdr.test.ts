import { strict as assert } from "node:assert";
import { SYNC_WAVE_ANNOTATION } from "../render/sync-wave";
import type { SucceededRun } from "../offline/run";
import { SIDECAR_RESOURCES } from "../platform/istio";
import { parseQuantity } from "../platform/quantity";
import { renderStack } from "../render";
import { applicationObjects, findObject, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind, PROJECT_DIR, stackRun } from "./harness";
import { treeObjects } from "./render-support";
import { admittedLayers, appContainer, dataCluster, deploymentOf, instanceCapacity, networkNeighbours, nodePoolOf, sameQuantity, startupTargets } from "./seed-support";

/**
 * Seed 002 (HDR Empire framework) as the stack `hdr`: the production layout's replicas, the data tier, the
 * service startup order and the load balancer, written out here from the seed and asserted on what the
 * program registers (and renders). docs/profiles/hdr.md maps each requirement to its config key.
 */

/** "Production Environment Layout": HDR services, integration layer, command interface, with their replicas. */
const SEED_SERVICES = {
  "neural-hdr": 3,
  "nano-swarm-hdr": 5,
  "omniscient-hdr": 3,
  "reality-hdr": 3,
  "quantum-hdr": 3,
  "dream-hdr": 2,
  "void-blade-hdr": 3,
  "integration-layer": 3,
  "command-interface": 3,
} as const;
const NAMES = Object.keys(SEED_SERVICES);
const HDR_SYSTEMS = NAMES.filter((n) => n.endsWith("-hdr"));
const CORE = HDR_SYSTEMS.filter((n) => n !== "void-blade-hdr");

/** "Service Startup Order", steps 1–6 (PostgreSQL and Redis both come before VB-HDR). */
const STARTUP = [["postgres", "redis"], ["void-blade-hdr"], CORE, ["integration-layer"], ["command-interface"]];

/** "kubectl autoscale deployment/neural-hdr --cpu-percent=70 --min=3 --max=10". */
const NEURAL_AUTOSCALING = { minReplicas: 3, maxReplicas: 10, cpu: 70 };

describe("seed 002 HDR Empire (stack hdr)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("hdr");
  });

  it("the seven HDR services, the integration layer and the command interface with their replicas (neural-hdr's as its autoscaler's minimum)", () => {
    assert.deepEqual(objectsOfKind(applicationObjects(run), "Deployment").map((d) => d.metadata.name).sort(), [...NAMES].sort());
    for (const [name, replicas] of Object.entries(SEED_SERVICES)) {
      const hpa = objectsOfKind<any>(objectsOfLayer(run, name), "HorizontalPodAutoscaler");
      if (name === "neural-hdr") {
        const { spec } = findObject(hpa, "HorizontalPodAutoscaler", name, name) as any;
        assert.deepEqual([spec.minReplicas, spec.maxReplicas], [NEURAL_AUTOSCALING.minReplicas, NEURAL_AUTOSCALING.maxReplicas]);
        assert.equal(spec.minReplicas, replicas);
        assert.deepEqual(spec.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: NEURAL_AUTOSCALING.cpu } } }]);
        assert.equal(deploymentOf(run, name).spec.replicas, undefined, "the autoscaler owns the count");
      } else {
        assert.deepEqual(hpa, [], `${name}: no autoscaler`);
        assert.equal(deploymentOf(run, name).spec.replicas, replicas, name);
      }
    }
  });

  it("every service: 1000m / 2Gi requested, 2000m / 4Gi limit, on on-demand nodes that hold every pod at its peak", () => {
    let peak = 0;
    for (const name of NAMES) {
      const deployment = deploymentOf(run, name);
      const { resources } = appContainer(deployment);
      assert.ok(sameQuantity(resources.requests.cpu, "1000m") && sameQuantity(resources.requests.memory, "2Gi"), name);
      assert.ok(sameQuantity(resources.limits.cpu, "2000m") && sameQuantity(resources.limits.memory, "4Gi"), name);
      assert.equal(deployment.spec.template.spec.nodeSelector["strata.io/node-pool"], "on-demand", name);
      const pods = name === "neural-hdr" ? NEURAL_AUTOSCALING.maxReplicas : SEED_SERVICES[name as keyof typeof SEED_SERVICES];
      peak += pods * (parseQuantity(resources.requests.cpu) + parseQuantity(SIDECAR_RESOURCES.requests.cpu));
    }
    // Not in the seed: the pool may grow to hold its pods, a vCPU per node left to the system and daemons.
    const pool = nodePoolOf(run, "on-demand");
    const { vcpus } = instanceCapacity(pool.instanceTypes![0]);
    assert.ok(pool.limits.nodes! * (vcpus - 1) >= peak, `${pool.limits.nodes} × ${pool.instanceTypes![0]} for ${peak} CPU`);
    assert.ok(pool.limits.cpu >= peak, `${pool.limits.cpu} vCPU for ${peak} CPU`);
  });

  it("the data tier: PostgreSQL primary + 2 replicas holding every HDR system's state in one database; Redis of 3 masters and 3 replicas", () => {
    const pg = dataCluster(run, "postgres");
    assert.deepEqual(pg.spec.instances.map((i: any) => i.replicas), [3]);
    const databases = new Map<string, string[]>(pg.spec.users.map((u: any) => [u.name, u.databases]));
    for (const name of HDR_SYSTEMS) assert.deepEqual(databases.get(name), ["hdr-empire"], name);
    const redis = dataCluster(run, "redis");
    assert.deepEqual([redis.spec.clusterSize, redis.spec.redisLeader.replicas, redis.spec.redisFollower.replicas], [3, 3, 3]);
  });

  it("service startup order: each step's Deployments wait for exactly the previous step's (PostgreSQL and Redis: their clusters)", () => {
    for (let step = 1; step < STARTUP.length; step++) {
      const previous = STARTUP[step - 1].map((n) => (NAMES.includes(n) ? `Deployment ${n}` : n)).sort();
      for (const name of STARTUP[step]) assert.deepEqual(startupTargets(run, name, NAMES), previous, name);
    }
  });

  it("the rendered tree applies the steps in order (Argo CD sync waves 1–4 after the data tier)", () => {
    const result = renderStack(PROJECT_DIR, "hdr");
    if (!result.ok) assert.fail(JSON.stringify(result.issues));
    const deployments = objectsOfKind(treeObjects(result.tree), "Deployment").filter((d) => NAMES.includes(d.metadata.name));
    const waves = Object.fromEntries(deployments.map((d) => [d.metadata.name, d.metadata.annotations?.[SYNC_WAVE_ANNOTATION]]));
    STARTUP.slice(1).forEach((step, i) => {
      for (const name of step) assert.equal(waves[name], String(i + 1), name);
    });
  });

  it("the load balancer, the entry point for all external traffic: an internet-facing NLB, SSL terminated with Let's Encrypt's certificate for hdr-empire.com, its DNS record by external-dns, routing to the command interface only", () => {
    const objects = kubernetesObjects(run.resources);
    const [lb] = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
    assert.equal(lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
    const [gateway] = objectsOfKind<any>(objects, "Gateway");
    const https = gateway.spec.servers.find((s: any) => s.port.protocol === "HTTPS");
    assert.deepEqual([https.hosts, https.tls.credentialName], [["hdr-empire.com"], "edge-tls.hdr-empire.com"]);
    assert.deepEqual(gateway.spec.servers.find((s: any) => s.port.protocol === "HTTP").tls, { httpsRedirect: true });
    const [certificate] = objectsOfKind<any>(objects, "Certificate");
    assert.deepEqual([certificate.spec.dnsNames, certificate.spec.secretName, certificate.spec.issuerRef.name], [["hdr-empire.com"], "edge-tls.hdr-empire.com", "letsencrypt-production"]);
    const issuer = objectsOfKind<any>(objects, "ClusterIssuer").find((i) => i.metadata.name === "letsencrypt-production");
    assert.equal(issuer.spec.acme.email, "ops-team@company.com");
    assert.ok(run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "external-dns"));
    const destinations = objectsOfKind<any>(objects, "VirtualService").flatMap((v) => v.spec.http.flatMap((h: any) => h.route.map((r: any) => r.destination.host)));
    assert.deepEqual(destinations, ["command-interface.command-interface.svc.cluster.local"]);
  });

  it("who calls whom (inferred): command interface → integration layer → the HDR systems; the core systems → VB-HDR", () => {
    const expected: Record<string, string[]> = {
      "command-interface": ["integration-layer"],
      "integration-layer": ["command-interface", ...HDR_SYSTEMS],
      "void-blade-hdr": ["integration-layer", ...CORE],
      ...Object.fromEntries(CORE.map((n) => [n, ["integration-layer", "void-blade-hdr"]])),
    };
    for (const name of NAMES) {
      assert.deepEqual(networkNeighbours(run, name, NAMES), [...expected[name]].sort(), `${name}: network`);
    }
    // Admitted callers only: the integration layer admits the command interface, which admits no layer.
    assert.deepEqual(admittedLayers(run, "command-interface", NAMES), []);
    assert.deepEqual(admittedLayers(run, "integration-layer", NAMES), ["command-interface"]);
    assert.deepEqual(admittedLayers(run, "void-blade-hdr", NAMES), ["integration-layer", ...CORE].sort());
  });
});
