import { strict as assert } from "node:assert";
import type { SucceededRun } from "../offline/run";
import { labelKeys } from "../platform/labels";
import { platformNamespaces } from "../platform/namespaces";
import { applicationObjects, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind, stackRun } from "./harness";
import { admittedLayers, networkNeighbours } from "./seed-support";
import { AGENT, CUSTOMERS, raaCommonTests } from "./seed-raa-support";

/** The ingress gateway's routes (the egress gateway's are the LLM APIs'). */
const atTheEdge = (o: { metadata: { namespace?: string } }) => o.metadata.namespace === platformNamespaces.gateway;

/**
 * Seed 003 (reflective adaptive agent), deployment model 1 "SINGLE-TENANT (One instance per customer)", as the
 * stack `raa-single-tenant`: each customer its own agent instance and its own memory, "Complete isolation".
 * docs/profiles/raa-single-tenant.md maps each requirement to its config key.
 */

const LAYERS = ["agent", "memory"];
const copies = (layer: string) => CUSTOMERS.map((c) => `${c}-${layer}`);

describe("seed 003 reflective adaptive agent, single-tenant (stack raa-single-tenant)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("raa-single-tenant");
  });

  it("one instance per customer: each customer its own agent and memory namespaces, labelled with it, and nothing shared", () => {
    const namespaces = objectsOfKind(applicationObjects(run), "Namespace");
    assert.deepEqual(namespaces.map((n) => n.metadata.name).sort(), CUSTOMERS.flatMap((c) => LAYERS.map((l) => `${c}-${l}`)).sort());
    for (const n of namespaces) assert.equal(n.metadata.labels?.[labelKeys.tenant], n.metadata.name.replace(/-(agent|memory)$/, ""), n.metadata.name);
  });

  raaCommonTests("raa-single-tenant", () => run, () => copies("agent"));

  it("each customer's agents scale on their own queue: queue depth per pod of the customer's copy (100), as a namespaced Pods metric", () => {
    for (const agent of copies("agent")) {
      const [hpa] = objectsOfKind<any>(objectsOfLayer(run, agent), "HorizontalPodAutoscaler");
      const queue = hpa.spec.metrics.find((m: any) => m.pods?.metric.name === "queue_depth");
      assert.deepEqual(queue?.pods.target, { type: "AverageValue", averageValue: AGENT.queueDepth }, agent);
      assert.equal(hpa.spec.metrics.some((m: any) => m.type === "External"), false, `${agent}: an External metric would sum every customer's queue`);
    }
  });

  it("complete isolation: each customer's agent talks to its own memory only, and each memory admits its own agent only", () => {
    const all = [...copies("agent"), ...copies("memory")];
    for (const customer of CUSTOMERS) {
      assert.deepEqual(networkNeighbours(run, `${customer}-agent`, all), [`${customer}-memory`]);
      assert.deepEqual(networkNeighbours(run, `${customer}-memory`, all), [`${customer}-agent`]);
      assert.deepEqual(admittedLayers(run, `${customer}-memory`, all), [`${customer}-agent`]);
    }
  });

  it("the load balancer, the only public-facing component: each customer's host to its own agents, over TLS 1.3 with its own Let's Encrypt certificate", () => {
    const objects = kubernetesObjects(run.resources);
    const routes = objectsOfKind<any>(objects, "VirtualService").filter(atTheEdge).map((v) => [v.spec.hosts, v.spec.http.flatMap((h: any) => h.route.map((r: any) => r.destination.host))]);
    assert.deepEqual(
      routes.sort(),
      CUSTOMERS.map((c) => [[`${c}.raa.example.com`], [`${c}-agent.${c}-agent.svc.cluster.local`]]).sort(),
    );
    const [gateway] = objectsOfKind<any>(objects, "Gateway").filter(atTheEdge);
    assert.deepEqual(
      gateway.spec.servers.filter((s: any) => s.port.protocol === "HTTPS").map((s: any) => [s.hosts, s.tls.credentialName, s.tls.minProtocolVersion]),
      CUSTOMERS.map((c) => [[`${c}.raa.example.com`], `edge-tls.${c}.raa.example.com`, "TLSV1_3"]),
    );
    assert.deepEqual(objectsOfKind<any>(objects, "Certificate").map((c) => c.spec.dnsNames[0]), CUSTOMERS.map((c) => `${c}.raa.example.com`));
    const [lb] = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
    assert.equal(lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
  });

  it("LLM API keys from the vault: each customer's agents read their own ExternalSecret (AWS Secrets Manager)", () => {
    for (const agent of copies("agent")) {
      const [secret] = objectsOfKind<any>(objectsOfLayer(run, agent), "ExternalSecret");
      assert.equal(secret.metadata.namespace, agent);
      assert.deepEqual(secret.spec.secretStoreRef, { kind: "ClusterSecretStore", name: "aws-secrets-manager" });
      assert.deepEqual(secret.spec.data.map((d: any) => d.secretKey).sort(), ["anthropic", "openai"]);
      for (const d of secret.spec.data) assert.ok(d.remoteRef.key.includes(`/${agent}/`), `${agent}: ${d.remoteRef.key}`);
    }
  });
});
