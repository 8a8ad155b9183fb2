import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { meshProxyPeers } from "../capabilities/mesh/namespaces";
import { meshInjectionLabels } from "../platform/istio";
import { dataServiceEndpoints, dataServiceNames, dataServiceTraffic } from "../platform/data-services";
import { platformNamespaces } from "../platform/namespaces";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { stackSpec } from "./graph-support";
import { kubernetesObjects, objectsOfKind, runValidConfig, stackRun, STACKS } from "./harness";

/**
 * The service layers' traffic outside the pod network: the API server, the nodes and AWS are named by the
 * cluster's VPC CIDR (AWS through the VPC's interface endpoints), never by every address; only the gateway
 * admits clients from anywhere; istiod's xDS port admits the mesh's proxies, not every namespace.
 */

type Peer = { ipBlock?: { cidr: string }; namespaceSelector?: { matchLabels?: Record<string, string> } };
type Rule = { to?: Peer[]; from?: Peer[]; ports?: unknown[] };

function rulesOf(policy: any): { direction: "ingress" | "egress"; rule: Rule }[] {
  return [...(policy.spec.ingress ?? []).map((rule: Rule) => ({ direction: "ingress" as const, rule })), ...(policy.spec.egress ?? []).map((rule: Rule) => ({ direction: "egress" as const, rule }))];
}

function peersOf(direction: "ingress" | "egress", rule: Rule): Peer[] | undefined {
  return direction === "ingress" ? rule.from : rule.to;
}

/** Every NetworkPolicy rule that names addresses rather than pods, or no peer at all, by namespace/policy. */
function addressRules(objects: KubernetesObject[]): Map<string, (string | undefined)[]> {
  const found = new Map<string, (string | undefined)[]>();
  for (const policy of objectsOfKind<any>(objects, "NetworkPolicy")) {
    for (const { direction, rule } of rulesOf(policy)) {
      const peers = peersOf(direction, rule);
      const cidrs = peers === undefined ? [undefined] : peers.filter((p) => p.ipBlock).map((p) => p.ipBlock!.cidr);
      if (cidrs.length) found.set(`${policy.metadata.namespace}/${policy.metadata.name}/${direction}`, cidrs);
    }
  }
  return found;
}

/** The data layers' HTTPS egress: each operator's, and the data namespace's where its pods need one. */
const DATA_ADDRESS_RULES = dataServiceNames.flatMap((s) => [
  `${dataServiceTraffic[s].operatorNamespace}/allow-egress-https/egress`,
  ...(dataServiceTraffic[s].httpsEgress ? [`${dataServiceEndpoints[s].namespace}/allow-egress-https/egress`] : []),
]);

const SERVICE_ADDRESS_RULES = [
  // The internal load balancer's clients and health checks come from the VPC.
  `${platformNamespaces.gateway}/allow-ingress-from-load-balancer/ingress`,
  "istio-system/allow-egress-https/egress",
  "istio-system/allow-ingress-webhooks/ingress",
  "istio-cni/allow-egress-https/egress",
  "velero/allow-egress-https/egress",
  "monitoring/allow-egress-https/egress",
  "monitoring/allow-egress-to-nodes/egress",
  "external-secrets/allow-egress-https/egress",
  "external-secrets/allow-ingress-webhook-from-api-server/ingress",
  ...DATA_ADDRESS_RULES,
];

/** Where the metrics adapter runs (on EKS, or for a layer's own metrics), the API server calls it. */
const METRICS_ADAPTER_ADDRESS_RULE = "monitoring/allow-metrics-adapter-ingress-from-api-server/ingress";

/** Karpenter's controller: the API server and AWS's interface endpoints (EKS clusters Strata creates only). */
const KARPENTER_ADDRESS_RULE = "karpenter/allow-egress-https/egress";
/** The AWS Load Balancer Controller (on a cluster Strata makes): the API and STS/EC2 in the VPC, the API server's webhook calls from it. */
const CONTROLLER_ADDRESS_RULES = ["aws-load-balancer-controller/allow-egress-https/egress", "aws-load-balancer-controller/allow-ingress-webhooks/ingress"];

function assertAddressRules(objects: KubernetesObject[], vpcCidr: string, metricsAdapter: boolean, controller: boolean, karpenter: boolean): void {
  const rules = addressRules(objects);
  const expected = [
    ...SERVICE_ADDRESS_RULES,
    ...(metricsAdapter ? [METRICS_ADAPTER_ADDRESS_RULE] : []),
    ...(controller ? CONTROLLER_ADDRESS_RULES : []),
    ...(karpenter ? [KARPENTER_ADDRESS_RULE] : []),
  ];
  for (const key of expected) assert.deepEqual(rules.get(key), [vpcCidr], `${key} names the VPC`);
  // With an internal gateway, no rule is open to every source (an internet-facing NLB's is: tests/edge-graph.test.ts).
  const open = [...rules].filter(([, cidrs]) => cidrs.includes(undefined)).map(([key]) => key);
  assert.deepEqual(open, []);
  // pgBackRest's pods and the load balancer controller's alone call AWS's public endpoints (tests/data-isolation.test.ts
  // checks pgBackRest's pods and port, tests/edge-graph.test.ts the controller's).
  const everywhere = [...rules].filter(([, cidrs]) => cidrs.includes("0.0.0.0/0")).map(([key]) => key);
  assert.deepEqual(everywhere.sort(), [...(controller ? ["aws-load-balancer-controller/allow-egress-aws-https/egress"] : []), "postgres/allow-egress-aws-https/egress"]);
  assert.deepEqual([...rules.keys()].sort(), [...expected, ...open, ...everywhere].sort());
}

describe("service layers' network rules outside the pod network", () => {
  for (const stack of STACKS) {
    it(`${stack}: the API server, nodes, AWS and the internal gateway's clients by the VPC's CIDR; nothing open to every source`, async () => {
      const spec = stackSpec(stack);
      // EKS: the metrics adapter serves the resource metrics API; Strata runs the load balancer controller; Karpenter sizes the pools.
      assertAddressRules(kubernetesObjects((await stackRun(stack)).resources), spec.cluster.vpcCidr, true, true, true);
    });

    it(`${stack}: istiod's xDS port admits the namespaces labelled for injection (application and data layers), the gateway and monitoring, not every namespace`, async () => {
      const objects = kubernetesObjects((await stackRun(stack)).resources);
      const policy = objectsOfKind<any>(objects, "NetworkPolicy").find((p) => p.metadata.namespace === platformNamespaces.meshRoot && p.metadata.name === "allow-ingress-from-proxies");
      assert.deepEqual(policy.spec.ingress[0].from, meshProxyPeers());
      for (const peer of policy.spec.ingress[0].from) assert.ok(Object.keys(peer.namespaceSelector.matchLabels).length > 0);
      // The selector finds exactly the application layers and the data services' namespaces (not their operators').
      const injected = objectsOfKind(objects, "Namespace").filter((n) => Object.entries(meshInjectionLabels()).every(([k, v]) => n.metadata.labels?.[k] === v));
      const data = dataServiceNames.map((s) => dataServiceEndpoints[s].namespace);
      assert.deepEqual(injected.map((n) => n.metadata.name).sort(), [...stackSpec(stack).layers.map((l) => l.name), ...data].sort());
    });
  }

  it("an existing cluster: the configured VPC CIDR", async () => {
    const run = await runValidConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS });
    // No layer declares a metric, and the cluster serves its own resource metrics: no adapter; it runs its own load
    // balancer controller and node autoscaling.
    assertAddressRules(kubernetesObjects(run.resources), EXISTING.vpcCidr, false, false, false);
  });
});
