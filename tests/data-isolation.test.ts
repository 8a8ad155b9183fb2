import { strict as assert } from "node:assert";
import { HTTPS_EGRESS_REASON_ANNOTATION } from "../manifests/network-policy";
import { dataServiceEndpoints, unmeshedPorts } from "../platform/data-services";
import { istioPorts } from "../platform/istio";
import { podSecurityLabelKeys } from "../platform/labels";
import { nodePools } from "../platform/placement";
import type { SucceededRun } from "../offline/run";
import { allowedFlows, stackSpec, tolerates } from "./graph-support";
import { objectsOfKind, runValidConfig, stackRun, STACKS, testLayer } from "./harness";
import { DATA_CR_KINDS, DATA_LAYER_NAMES, DATA_LAYERS, dataObjects, placementBlocks, requiredPools, type DataLayerName } from "./data-support";

/**
 * Placement and isolation of the data layers: data pods on the stateful pool only, spread and PDBs; both
 * namespaces restricted with default deny; the data namespace admits exactly the layers that declared the
 * service (and its operator and monitoring); HTTPS egress to the Kubernetes API at the VPC, and to AWS's public
 * endpoints only for pgBackRest, each with a reason.
 */

function policiesIn(objects: ReturnType<typeof dataObjects>, namespace: string) {
  return objectsOfKind(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === namespace);
}

/** The application layers a data namespace admits, read from its ingress rules on the client ports. */
function admittedLayers(objects: ReturnType<typeof dataObjects>, layer: DataLayerName): string[] {
  const clientPorts = new Set(dataServiceEndpoints[layer].ports.map((p) => p.port));
  // The service's own pods and its operator reach the client port too (replication, administration).
  const service = new Set<string>([DATA_LAYERS[layer].namespace, DATA_LAYERS[layer].operatorNamespace]);
  const flows = allowedFlows(policiesIn(objects, DATA_LAYERS[layer].namespace)).filter(
    (f) => f.direction === "ingress" && clientPorts.has(Number(f.port)) && !service.has(f.namespace),
  );
  for (const f of flows) assert.deepEqual(f.pods, { "app.kubernetes.io/name": f.namespace, "strata.io/layer": f.namespace }, `${layer}: ingress from ${f.namespace} must name that layer's pods`);
  return [...new Set(flows.map((f) => f.namespace))].sort();
}

/** The data layers' NetworkPolicies that allow some traffic to or from every address. */
function everywherePolicies(run: SucceededRun) {
  return DATA_LAYER_NAMES.filter((layer) => run.resources.some((r) => r.type === DATA_LAYERS[layer].type))
    .flatMap((layer) => objectsOfKind(dataObjects(run, layer), "NetworkPolicy"))
    .filter((p) => allowedFlows([p]).some((f) => f.namespace === "<ipBlock 0.0.0.0/0>" || f.namespace === "<any>"));
}

/** pgBackRest's pods alone may call AWS's public endpoints (the global STS endpoint, other regions' S3), on 443. */
function assertPgBackRestOnlyEverywhere(run: SucceededRun): void {
  const everywhere = everywherePolicies(run);
  assert.deepEqual(everywhere.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), ["postgres/allow-egress-aws-https"]);
  assert.deepEqual((everywhere[0].spec as any).podSelector, {
    matchExpressions: [
      { key: "postgres-operator.crunchydata.com/cluster", operator: "In", values: ["strata"] },
      { key: "postgres-operator.crunchydata.com/role", operator: "NotIn", values: ["pgbouncer"] },
    ],
  });
  assert.deepEqual(allowedFlows(everywhere).map((f) => f.port), [443]);
  assert.match(everywhere[0].metadata.annotations![HTTPS_EGRESS_REASON_ANNOTATION], /global STS endpoint/);
}

describe("data layers: placement and isolation", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: every data pod requires the stateful pool, tolerates its taint and never spot's, is kept one per host and spread over zones`, async () => {
        const run = await stackRun(stack);
        const zoneSpread = stackSpec(stack).placement.zoneSpread;
        let blocks = 0;
        for (const layer of DATA_LAYER_NAMES) {
          for (const cr of dataObjects(run, layer).filter((o) => DATA_CR_KINDS.includes(o.kind))) {
            for (const block of placementBlocks(cr)) {
              blocks++;
              assert.deepEqual(requiredPools(block), ["stateful"], `${block.where}: required node pools`);
              if (block.nodeSelector) assert.deepEqual(block.nodeSelector, nodePools.stateful.nodeLabels, block.where);
              const tolerations = block.tolerations ?? [];
              assert.ok(nodePools.stateful.taints.every((t) => tolerations.some((tol) => tolerates(tol, t))), `${block.where}: does not tolerate the stateful taint`);
              assert.ok(!nodePools.spot.taints.some((t) => tolerations.some((tol) => tolerates(tol, t))), `${block.where}: tolerates spot`);
              assert.ok(!nodePools.stateful.interruptible);
              if (block.where.includes("backups") || block.where.includes("entityOperator")) continue;
              const antiAffinity = block.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
              assert.ok(antiAffinity.some((t: any) => t.topologyKey === "kubernetes.io/hostname" && Object.keys(t.labelSelector?.matchLabels ?? {}).length > 0), `${block.where}: no required host anti-affinity`);
              const zone = (block.topologySpreadConstraints ?? []).find((c: any) => c.topologyKey === "topology.kubernetes.io/zone");
              assert.ok(zone, `${block.where}: no zone spread`);
              assert.equal(zone.whenUnsatisfiable, zoneSpread, block.where);
            }
          }
        }
        assert.ok(blocks >= 8, `only ${blocks} placement blocks`);
      });

      it(`${stack}: disruption budgets: Kafka's pods and each Redis role allow one pod down at a time`, async () => {
        const run = await stackRun(stack);
        const kafka = objectsOfKind(dataObjects(run, "kafka"), "Kafka")[0] as any;
        assert.deepEqual(kafka.spec.kafka.template.podDisruptionBudget, { maxUnavailable: 1 });
        const redis = objectsOfKind(dataObjects(run, "redis"), "RedisCluster")[0] as any;
        for (const role of ["redisLeader", "redisFollower"]) assert.deepEqual(redis.spec[role].pdb, { enabled: true, maxUnavailable: 1 }, role);
        // PGO makes PDBs for instance sets and pgBouncer itself when they have more than one replica.
        const pg = objectsOfKind(dataObjects(run, "postgres"), "PostgresCluster")[0] as any;
        if (stack === "prod") assert.ok(pg.spec.instances.every((i: any) => i.replicas > 1) && pg.spec.proxy.pgBouncer.replicas > 1);
      });

      it(`${stack}: both namespaces of each data layer are restricted and deny all traffic by default`, async () => {
        const run = await stackRun(stack);
        for (const layer of DATA_LAYER_NAMES) {
          const objects = dataObjects(run, layer);
          const namespaces = objectsOfKind(objects, "Namespace").map((n) => n.metadata.name).sort();
          assert.deepEqual(namespaces, [DATA_LAYERS[layer].namespace, DATA_LAYERS[layer].operatorNamespace].sort(), layer);
          for (const ns of objectsOfKind(objects, "Namespace")) {
            assert.equal(ns.metadata.labels?.[podSecurityLabelKeys.enforce], "restricted", ns.metadata.name);
            const denies = policiesIn(objects, ns.metadata.name).filter((p) => {
              const s = p.spec as any;
              return Object.keys(s.podSelector).length === 0 && [...s.policyTypes].sort().join() === "Egress,Ingress" && !s.ingress && !s.egress;
            });
            assert.equal(denies.length, 1, `${ns.metadata.name}: default deny`);
          }
        }
      });

      it(`${stack}: each data namespace admits exactly the application layers that declared the service, on its client ports, from their pods only`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack);
        for (const layer of DATA_LAYER_NAMES) {
          const users = spec.layers.filter((l) => l.dataServices[layer] !== undefined).map((l) => l.name).sort();
          assert.ok(users.length > 0, `${layer}: no default layer uses it`);
          assert.deepEqual(admittedLayers(dataObjects(run, layer), layer), users, layer);
        }
      });

      it(`${stack}: every other flow of the data namespaces: DNS, own pods, the operator, monitoring, istiod, the Kubernetes API and AWS at the VPC on 443 with a reason (pgBackRest also AWS's public endpoints); the operator namespace (not meshed) reaches its service and the API only`, async () => {
        const run = await stackRun(stack);
        const layerNames = new Set(stackSpec(stack).layers.map((l) => l.name));
        const vpc = stackSpec(stack).cluster.vpcCidr;
        assert.equal(vpc, "10.0.0.0/16");
        const api = `<ipBlock ${vpc}>`;
        for (const layer of DATA_LAYER_NAMES) {
          const objects = dataObjects(run, layer);
          const { namespace, operatorNamespace } = DATA_LAYERS[layer];
          const others = allowedFlows(policiesIn(objects, namespace)).filter((f) => !layerNames.has(f.namespace));
          const peers = new Set(others.map((f) => `${f.direction} ${f.namespace}`));
          const expected = [`egress kube-system`, `egress istio-system`, `ingress ${namespace}`, `egress ${namespace}`, `ingress ${operatorNamespace}`, `ingress monitoring`];
          if (layer !== "redis") expected.push(`egress ${api}`);
          if (layer === "postgres") expected.push("egress <ipBlock 0.0.0.0/0>");
          assert.deepEqual([...peers].sort(), expected.sort(), `${namespace}: allowed peers`);
          for (const f of others.filter((f) => f.namespace.startsWith("<"))) assert.equal(f.port, 443, `${namespace}: egress to ${f.namespace} on ${f.port}`);
          for (const p of policiesIn(objects, namespace).concat(policiesIn(objects, operatorNamespace))) {
            const outside = allowedFlows([p]).some((f) => f.namespace.startsWith("<"));
            if (outside) assert.ok(p.metadata.annotations?.[HTTPS_EGRESS_REASON_ANNOTATION], `${p.metadata.name} in ${p.metadata.namespace}: HTTPS egress without a reason`);
          }
          const operator = new Set(allowedFlows(policiesIn(objects, operatorNamespace)).map((f) => `${f.direction} ${f.namespace}${f.namespace.startsWith("<") ? `:${f.port}` : ""}`));
          assert.deepEqual([...operator].sort(), [`egress ${api}:443`, "egress kube-system", `egress ${namespace}`, "ingress monitoring"].sort(), operatorNamespace);
        }
      });

      it(`${stack}: egress to 0.0.0.0/0 exists once, in postgres, for the pods that run pgBackRest (not pgBouncer's), with its reason`, async () => {
        assertPgBackRestOnlyEverywhere(await stackRun(stack));
      });

      it(`${stack}: the mesh mirror: each data namespace's AuthorizationPolicy admits exactly the service accounts of the layers its NetworkPolicies admit, on the client ports`, async () => {
        const run = await stackRun(stack);
        for (const layer of DATA_LAYER_NAMES) {
          const objects = dataObjects(run, layer);
          const { namespace } = DATA_LAYERS[layer];
          const [policy] = objectsOfKind(objects, "AuthorizationPolicy").filter((p) => p.metadata.namespace === namespace);
          const clientPorts = dataServiceEndpoints[layer].ports.map((p) => String(p.port));
          const rules = (policy.spec as any).rules as any[];
          const principals = rules.filter((r) => r.from).map((r) => {
            assert.deepEqual(r.to, [{ operation: { ports: clientPorts } }], `${namespace}: a layer's rule on other ports`);
            return r.from[0].source.principals[0];
          });
          assert.deepEqual(principals.sort(), admittedLayers(objects, layer).map((ns) => `cluster.local/ns/${ns}/sa/${ns}`), namespace);
          // Traffic without identity: exactly the operator's, peers' and monitoring's ports, which the NetworkPolicies admit only from them.
          const plain = rules.filter((r) => !r.from);
          assert.deepEqual(plain, [{ to: [{ operation: { ports: unmeshedPorts(layer).map(String) } }] }], namespace);
          const { operatorNamespace } = DATA_LAYERS[layer];
          const layerNamespaces = new Set(stackSpec(stack).layers.map((l) => l.name));
          for (const f of allowedFlows(policiesIn(objects, namespace)).filter((f) => f.direction === "ingress" && !layerNamespaces.has(f.namespace))) {
            assert.ok([namespace, operatorNamespace, "monitoring"].includes(f.namespace), `${namespace}: ingress from ${f.namespace}`);
            // Envoy's own metrics port is the proxy's, never passed to the workload.
            const port = Number(f.port);
            assert.ok(unmeshedPorts(layer).includes(port) || port === istioPorts.envoyMetrics, `${namespace}: ingress from ${f.namespace} on ${port}, a port the mesh admits by identity only`);
          }
        }
      });
    });
  }

  it("a stack without Postgres allows egress to 0.0.0.0/0 nowhere in its data layers", async () => {
    const run = await runValidConfig({ profile: "prod", layers: [testLayer("a", { dataServices: { redis: {}, kafka: {} } })] });
    assert.deepEqual(everywherePolicies(run), []);
  });

  it("a custom config: a layer that does not declare Kafka is not admitted; one that only declares it is", async () => {
    const run = await runValidConfig({
      profile: "dev",
      layers: [testLayer("producer", { dataServices: { kafka: { write: ["events"] } } }), testLayer("bystander", { peers: ["producer"] })],
      kafka: { topics: [{ name: "events" }] },
    });
    assert.deepEqual(admittedLayers(dataObjects(run, "kafka"), "kafka"), ["producer"]);
  });
});
