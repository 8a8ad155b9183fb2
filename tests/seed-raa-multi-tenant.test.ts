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
 * Seed 003 (reflective adaptive agent), deployment model 2 "MULTI-TENANT (Shared infrastructure)", as the
 * stack `raa-multi-tenant`: the cognitive and capability layers shared, the memory system a namespace per
 * customer ("Logically isolated, physically shared"). docs/profiles/raa-multi-tenant.md maps each requirement
 * to its config key.
 */

const MEMORIES = CUSTOMERS.map((c) => `${c}-memory`);

describe("seed 003 reflective adaptive agent, multi-tenant (stack raa-multi-tenant)", () => {
  let run: SucceededRun;
  before(async () => {
    run = await stackRun("raa-multi-tenant");
  });

  it("shared agent infrastructure, the memory system a namespace per customer", () => {
    const namespaces = objectsOfKind(applicationObjects(run), "Namespace");
    assert.deepEqual(namespaces.map((n) => n.metadata.name).sort(), ["agent", ...MEMORIES].sort());
    for (const n of namespaces) assert.equal(n.metadata.labels?.[labelKeys.tenant], n.metadata.name === "agent" ? undefined : n.metadata.name.replace(/-memory$/, ""), n.metadata.name);
  });

  raaCommonTests("raa-multi-tenant", () => run, () => ["agent"]);

  it("the shared pool scales on the one queue's depth (External, 100 in total)", () => {
    const [hpa] = objectsOfKind<any>(objectsOfLayer(run, "agent"), "HorizontalPodAutoscaler");
    const queue = hpa.spec.metrics.find((m: any) => m.external?.metric.name === "queue_depth");
    assert.deepEqual(queue?.external.target, { type: "Value", value: AGENT.queueDepth });
  });

  it("logically isolated: the shared agents reach every customer's memory; each memory admits the agents only, never another customer's memory", () => {
    const all = ["agent", ...MEMORIES];
    assert.deepEqual(networkNeighbours(run, "agent", all), [...MEMORIES].sort());
    for (const memory of MEMORIES) {
      assert.deepEqual(networkNeighbours(run, memory, all), ["agent"], memory);
      assert.deepEqual(admittedLayers(run, memory, all), ["agent"], memory);
    }
  });

  it("the load balancer, the only public-facing component: one host to the shared agents, over TLS 1.3 with Let's Encrypt's certificate", () => {
    const objects = kubernetesObjects(run.resources);
    const [route] = objectsOfKind<any>(objects, "VirtualService").filter(atTheEdge);
    assert.deepEqual(route.spec.hosts, ["api.raa.example.com"]);
    assert.deepEqual(route.spec.http.flatMap((h: any) => h.route.map((r: any) => r.destination.host)), ["agent.agent.svc.cluster.local"]);
    const [gateway] = objectsOfKind<any>(objects, "Gateway").filter(atTheEdge);
    assert.deepEqual(
      gateway.spec.servers.filter((s: any) => s.port.protocol === "HTTPS").map((s: any) => [s.hosts, s.tls.credentialName, s.tls.minProtocolVersion]),
      [[["api.raa.example.com"], "edge-tls.api.raa.example.com", "TLSV1_3"]],
    );
    const [lb] = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
    assert.equal(lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
  });
});
