import { strict as assert } from "node:assert";
import { istioCharts } from "../capabilities/mesh";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { EGRESS_AUTHORIZATION_POLICY, EGRESS_GATEWAY_NAME, EGRESS_GATEWAY_NAMESPACE, EGRESS_HOSTS_ANNOTATION } from "../platform/egress";
import { platformNamespaces } from "../platform/namespaces";
import { istioPorts } from "../platform/istio";
import { meshEgressDeclared } from "../policies/mesh/egress-declared";
import { findings } from "./policy-support";
import { allowedFlows } from "./graph-support";
import { objectsOfKind, specOf, testLayer } from "./harness";
import { renderSpec } from "./render-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";
import { stackPackSettings } from "./policy-support";
import { validateObjects } from "../validation";

/**
 * Egress by name, from config to objects: per declared host its ServiceEntry, Gateway, VirtualService and
 * DestinationRule(s) (TLS passthrough, TLS origination, plain HTTP, a wildcard); the egress gateway's
 * AuthorizationPolicy admitting exactly the declaring accounts; the NetworkPolicies (a layer without egress
 * cannot reach the gateway, only the gateway leaves the cluster, under its one documented exemption); the
 * gateway's chart; metrics and the advisory alert; and every Istio object valid against ../shared/crds.
 */

const VPC = "10.0.0.0/16";
const config = (profile = "dev") => ({
  profile,
  cluster: { vpcCidr: VPC },
  layers: [
    testLayer("front", { peers: ["agents"] }),
    testLayer("agents", {
      egress: [
        { host: "api.openai.com" },
        { host: "tools.example.com", protocol: "HTTPS" },
        { host: "legacy.example.com", protocol: "HTTP", port: 8080, allowPlainText: true },
      ],
    }),
    testLayer("crawler", { egress: [{ host: "*.example.org" }, { host: "api.openai.com" }] }),
    testLayer("batch"),
  ],
});

const objectsOf = (cfg: Record<string, unknown>): KubernetesObject[] => renderSpec(specOf(cfg)).tree.layers.flatMap((l) => l.objects);
const find = (objects: KubernetesObject[], kind: string, name: string, ns = EGRESS_GATEWAY_NAMESPACE) => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === ns);
  assert.equal(found.length, 1, `${kind} ${ns}/${name}: ${found.length} found`);
  return found[0] as KubernetesObject & { spec: any };
};
const principal = (layer: string) => `cluster.local/ns/${layer}/sa/${layer}`;
const GATEWAY_HOST = `${EGRESS_GATEWAY_NAME}.${EGRESS_GATEWAY_NAMESPACE}.svc.cluster.local`;

describe("egress by name: objects per declared host", () => {
  const objects = objectsOf(config());

  it("TLS passthrough (the default): a DNS ServiceEntry on 443 exported to its declaring layers only, a Gateway server with the sidecars' mTLS, SNI routing to the gateway and TCP out to the host", () => {
    const entry = find(objects, "ServiceEntry", "egress-api.openai.com");
    assert.deepEqual(entry.spec, { hosts: ["api.openai.com"], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls-443", protocol: "TLS" }], exportTo: [".", "agents", "crawler"] });
    assert.deepEqual(find(objects, "Gateway", "egress-api.openai.com").spec.servers, [{ port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["api.openai.com"], tls: { mode: "ISTIO_MUTUAL" } }]);
    const vs = find(objects, "VirtualService", "egress-api.openai.com").spec;
    assert.deepEqual(vs.gateways, ["mesh", `${EGRESS_GATEWAY_NAMESPACE}/egress-api.openai.com`]);
    assert.deepEqual(vs.tls, [{ match: [{ gateways: ["mesh"], port: 443, sniHosts: ["api.openai.com"] }], route: [{ destination: { host: GATEWAY_HOST, subset: "api-openai-com", port: { number: 443 } } }] }]);
    assert.deepEqual(vs.tcp, [{ match: [{ gateways: [`${EGRESS_GATEWAY_NAMESPACE}/egress-api.openai.com`], port: 443 }], route: [{ destination: { host: "api.openai.com", port: { number: 443 } } }] }]);
    assert.equal(vs.http, undefined);
    const dr = find(objects, "DestinationRule", "egress-api.openai.com").spec;
    assert.deepEqual(dr, { host: GATEWAY_HOST, exportTo: [".", "agents", "crawler"], subsets: [{ name: "api-openai-com", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "api.openai.com" } }] } }] });
    assert.equal(objects.filter((o) => o.metadata.name === "egress-api.openai.com-tls").length, 0, "no origination for passthrough");
  });

  it("TLS origination (HTTPS): the app calls http://host/ in the mesh, the gateway connects to the host's 443 with TLS (SIMPLE, SNI the host)", () => {
    assert.deepEqual(find(objects, "ServiceEntry", "egress-tools.example.com").spec.ports, [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }]);
    assert.deepEqual(find(objects, "Gateway", "egress-tools.example.com").spec.servers, [{ port: { number: 80, name: "http", protocol: "HTTPS" }, hosts: ["tools.example.com"], tls: { mode: "ISTIO_MUTUAL" } }]);
    const vs = find(objects, "VirtualService", "egress-tools.example.com").spec;
    assert.deepEqual(vs.http, [
      { match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: GATEWAY_HOST, subset: "tools-example-com", port: { number: 80 } } }] },
      { match: [{ gateways: [`${EGRESS_GATEWAY_NAMESPACE}/egress-tools.example.com`], port: 80 }], route: [{ destination: { host: "tools.example.com", port: { number: 80 } } }] },
    ]);
    assert.deepEqual(vs.exportTo, [".", "agents"]);
    assert.deepEqual(find(objects, "DestinationRule", "egress-tools.example.com-tls").spec, { host: "tools.example.com", exportTo: ["."], trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: "SIMPLE", sni: "tools.example.com" } }] } });
  });

  it("plain HTTP (allowed): the host's own port behind the mesh's 80, no origination; a wildcard resolves per request (DYNAMIC_DNS)", () => {
    assert.deepEqual(find(objects, "ServiceEntry", "egress-legacy.example.com").spec.ports, [{ number: 80, name: "http", protocol: "HTTP", targetPort: 8080 }]);
    assert.equal(objects.filter((o) => o.metadata.name === "egress-legacy.example.com-tls").length, 0);
    const wildcard = find(objects, "ServiceEntry", "egress-wildcard.example.org").spec;
    assert.equal(wildcard.resolution, "DYNAMIC_DNS");
    assert.deepEqual(wildcard.exportTo, [".", "crawler"]);
  });

  it("the egress gateway's AuthorizationPolicy admits each host, by SNI (and Host for HTTP), from exactly the layers that declared it", () => {
    const policy = find(objects, "AuthorizationPolicy", EGRESS_AUTHORIZATION_POLICY).spec;
    assert.equal(policy.action, "ALLOW");
    assert.deepEqual(policy.selector, { matchLabels: { app: EGRESS_GATEWAY_NAME, istio: "egressgateway" } });
    assert.deepEqual(
      policy.rules.map((r: any) => [r.when[0].values[0], r.from[0].source.principals, r.to?.[0].operation.hosts ?? null]),
      [
        ["api.openai.com", [principal("agents"), principal("crawler")], null],
        ["tools.example.com", [principal("agents")], ["tools.example.com"]],
        ["legacy.example.com", [principal("agents")], ["legacy.example.com"]],
        ["*.example.org", [principal("crawler")], null],
      ],
    );
    assert.ok(policy.rules.every((r: any) => r.when.length === 1 && r.when[0].key === "connection.sni"));
  });

  it("a layer cannot use another layer's host: agents neither see *.example.org (exportTo) nor are admitted to it; mesh-egress-declared agrees, and flags the gateway admitting them", () => {
    const wildcardObjects = objects.filter((o) => o.metadata.name === "egress-wildcard.example.org");
    assert.equal(wildcardObjects.length, 4);
    for (const o of wildcardObjects) assert.ok(!((o as any).spec.exportTo ?? []).includes("agents"), `${o.kind} exported to agents`);
    assert.deepEqual(findings(meshEgressDeclared, objects), []);
    const tampered = structuredClone(objects);
    const policy = tampered.find((o) => o.kind === "AuthorizationPolicy" && o.metadata.name === EGRESS_AUTHORIZATION_POLICY) as any;
    policy.spec.rules[3].from[0].source.principals.push(principal("agents"));
    assert.deepEqual(findings(meshEgressDeclared, tampered), [
      `AuthorizationPolicy ${EGRESS_GATEWAY_NAMESPACE}/${EGRESS_AUTHORIZATION_POLICY}: spec.rules[3] admits ${principal("agents")} to "*.example.org", which that account does not declare (${EGRESS_HOSTS_ANNOTATION}): a layer may use only the hosts it declares`,
    ]);
  });

  it("each declaring layer's ServiceAccount names its hosts; its Sidecar knows the egress gateway's namespace; a layer without egress has neither", () => {
    assert.equal(find(objects, "ServiceAccount", "agents", "agents").metadata.annotations?.[EGRESS_HOSTS_ANNOTATION], "api.openai.com,tools.example.com,legacy.example.com");
    assert.equal(find(objects, "ServiceAccount", "batch", "batch").metadata.annotations, undefined);
    assert.ok(find(objects, "Sidecar", "default", "crawler").spec.egress[0].hosts.includes(`${EGRESS_GATEWAY_NAMESPACE}/*`));
    assert.ok(!find(objects, "Sidecar", "default", "batch").spec.egress[0].hosts.includes(`${EGRESS_GATEWAY_NAMESPACE}/*`));
  });

  it("a per-tenant layer: each tenant's copy is admitted on its own account", () => {
    const tenanted = objectsOf({ profile: "dev", tenants: [{ name: "acme" }, { name: "globex" }], layers: [testLayer("front", { peers: ["agent"] }), testLayer("agent", { tenancy: "per-tenant", egress: [{ host: "api.anthropic.com" }] })] });
    const policy = find(tenanted, "AuthorizationPolicy", EGRESS_AUTHORIZATION_POLICY).spec;
    assert.deepEqual(policy.rules.map((r: any) => r.from[0].source.principals), [[principal("acme-agent"), principal("globex-agent")]]);
    assert.deepEqual(find(tenanted, "ServiceEntry", "egress-api.anthropic.com").spec.exportTo, [".", "acme-agent", "globex-agent"]);
  });

  it("no layer declares egress: no egress gateway, namespace, ServiceEntry or rule", () => {
    const tree = renderSpec(specOf({ profile: "dev", layers: [testLayer("front")] })).tree;
    const all = tree.layers.flatMap((l) => l.objects);
    assert.equal(all.filter((o) => o.metadata.namespace === EGRESS_GATEWAY_NAMESPACE || o.metadata.name === EGRESS_GATEWAY_NAMESPACE).length, 0);
    assert.equal(objectsOfKind(all, "ServiceEntry").length, 0);
    assert.equal(tree.layers.flatMap((l) => l.helmCharts).filter((c) => c.releaseName === EGRESS_GATEWAY_NAME).length, 0);
  });

  it("every Istio object (and every other object of the stack) validates against ../shared/crds, schema and CEL", function () {
    requireSharedCrds(this);
    const result = validateObjects(objects, { crds: [SHARED_CRDS] });
    assert.deepEqual(result.schemaErrors, []);
    const istio = objects.filter((o) => o.apiVersion.includes(".istio.io/") && o.metadata.namespace === EGRESS_GATEWAY_NAMESPACE);
    assert.deepEqual([...new Set(istio.map((o) => o.kind))].sort(), ["AuthorizationPolicy", "DestinationRule", "Gateway", "ServiceEntry", "VirtualService"]);
    assert.equal(istio.length, 4 * 4 + 1 + 1, "4 hosts × (ServiceEntry, Gateway, VirtualService, DestinationRule), one origination DestinationRule, one AuthorizationPolicy");
    assert.equal(result.unvalidated.filter((u) => istio.some((o) => o.kind === u.kind && o.metadata.name === u.name)).length, 0);
  });
});

describe("egress by name: the egress gateway and the network", () => {
  const objects = objectsOf(config());
  const policiesIn = (ns: string) => objectsOfKind(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === ns);
  const flowsOf = (ns: string) => allowedFlows(policiesIn(ns));

  it("the gateway chart at the ingress gateway's pin, in its own namespace: restricted pods, a ClusterIP Service with two listeners, HA in prod", () => {
    const chartOf = (profile: string) => renderSpec(specOf(config(profile))).tree.layers.flatMap((l) => l.helmCharts).find((c) => c.releaseName === EGRESS_GATEWAY_NAME)!;
    const dev = chartOf("dev");
    assert.deepEqual([dev.repo, dev.name, dev.version, dev.namespace], [istioCharts.gateway.repo, istioCharts.gateway.name, istioCharts.gateway.version, EGRESS_GATEWAY_NAMESPACE]);
    const values = dev.values as any;
    assert.deepEqual(values.service, { type: "ClusterIP", ports: [{ name: "tls", port: 443, protocol: "TCP", targetPort: 8443 }, { name: "http", port: 80, protocol: "TCP", targetPort: 8080 }] });
    assert.equal(values.securityContext.runAsNonRoot, true);
    assert.deepEqual(values.containerSecurityContext.capabilities, { drop: ["ALL"] });
    assert.equal(values.containerSecurityContext.allowPrivilegeEscalation, false);
    assert.equal(values.replicaCount, 1);
    const prod = chartOf("prod").values as any;
    assert.equal(prod.replicaCount, 3);
    assert.deepEqual(prod.podDisruptionBudget, { minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    assert.equal(prod.topologySpreadConstraints[0].topologyKey, "topology.kubernetes.io/zone");
  });

  it("a declaring layer may send to the egress gateway's pods on the listeners it uses, and nowhere outside", () => {
    const gateway = `ns=${EGRESS_GATEWAY_NAMESPACE}`;
    const toGateway = (ns: string) => flowsOf(ns).filter((f) => f.direction === "egress" && f.namespace === EGRESS_GATEWAY_NAMESPACE).map((f) => `${gateway} ${JSON.stringify(f.pods)} ${f.protocol}/${f.port}`);
    const pods = JSON.stringify({ app: EGRESS_GATEWAY_NAME, istio: "egressgateway" });
    assert.deepEqual(toGateway("agents"), [`${gateway} ${pods} TCP/8443`, `${gateway} ${pods} TCP/8080`]);
    assert.deepEqual(toGateway("crawler"), [`${gateway} ${pods} TCP/8443`]);
    for (const ns of ["agents", "crawler", "batch", "front"]) {
      assert.deepEqual(flowsOf(ns).filter((f) => f.namespace.startsWith("<")), [], `${ns} reaches outside the cluster's namespaces`);
    }
  });

  it("a layer without egress cannot reach the egress gateway, and the gateway admits only the declaring layers' pods", () => {
    assert.equal(flowsOf("batch").filter((f) => f.namespace === EGRESS_GATEWAY_NAMESPACE).length, 0);
    assert.equal(flowsOf("front").filter((f) => f.namespace === EGRESS_GATEWAY_NAMESPACE).length, 0);
    const ingress = flowsOf(EGRESS_GATEWAY_NAMESPACE).filter((f) => f.direction === "ingress");
    assert.deepEqual([...new Set(ingress.map((f) => f.namespace))].sort(), ["agents", "crawler", platformNamespaces.monitoring]);
    assert.deepEqual(ingress.filter((f) => f.namespace === platformNamespaces.monitoring).map((f) => f.port), [istioPorts.envoyMetrics]);
    assert.ok(ingress.filter((f) => f.namespace !== platformNamespaces.monitoring).every((f) => f.pods?.["strata.io/layer"] === f.namespace), "only the declaring layers' own pods");
  });

  it("only the egress gateway's pods leave the cluster: every address but the VPC's, on the declared ports, with its reason; the pack exempts that one policy by name", () => {
    // The platform's own exempted AWS callers (the load balancer controller, pgBackRest) aside: no layer, and in the mesh only the egress gateway.
    const meshAndLayers = ["front", "agents", "crawler", "batch", EGRESS_GATEWAY_NAMESPACE, platformNamespaces.gateway, platformNamespaces.meshRoot];
    const outside = objectsOfKind(objects, "NetworkPolicy").filter((p) => meshAndLayers.includes(p.metadata.namespace!) && JSON.stringify(p.spec).includes("0.0.0.0/0"));
    assert.deepEqual(outside.map((p) => `${p.metadata.namespace}/${p.metadata.name}`), [`${EGRESS_GATEWAY_NAMESPACE}/allow-egress-to-declared-hosts`]);
    const spec = outside[0].spec as any;
    assert.deepEqual(spec.podSelector, { matchLabels: { app: EGRESS_GATEWAY_NAME, istio: "egressgateway" } });
    assert.deepEqual(spec.egress, [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [VPC] } }], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 8080 }] }]);
    assert.match(outside[0].metadata.annotations?.["strata.io/https-egress-reason"] ?? "", /external hosts layers declare/);
    for (const profile of ["dev", "prod"]) {
      const exemptions = stackPackSettings(profile).get("network-no-wide-open-allow")!.options.exemptions.filter((e) => e.namespace === EGRESS_GATEWAY_NAMESPACE);
      assert.equal(exemptions.length, 1, profile);
      assert.equal(exemptions[0].name, "allow-egress-to-declared-hosts");
      assert.match(exemptions[0].reason, /egress gateway's pods \(app: istio-egressgateway\) reach 0\.0\.0\.0\/0, except the VPC, on the ports layers declare/);
    }
  });

  it("egress is visible per layer and host, and an advisory alert fires on denied egress", () => {
    const monitor = objects.find((o) => o.kind === "PodMonitor" && o.metadata.name === "envoy-proxies") as any;
    assert.ok(monitor.spec.namespaceSelector.matchNames.includes(EGRESS_GATEWAY_NAMESPACE));
    assert.deepEqual(flowsOf(platformNamespaces.monitoring).filter((f) => f.namespace === EGRESS_GATEWAY_NAMESPACE).map((f) => f.port), [istioPorts.envoyMetrics]);
    const rule = objects.find((o) => o.kind === "PrometheusRule" && o.metadata.name === "strata-egress") as any;
    const rules = rule.spec.groups[0].rules;
    assert.deepEqual(rules.filter((r: any) => r.record).map((r: any) => r.record), ["strata:egress_by_layer:rate5m", "strata:egress_by_host:rate5m", "strata:egress_denied_by_layer:rate5m"]);
    const alert = rules.find((r: any) => r.alert === "EgressDenied");
    assert.equal(alert.labels.severity, "info");
    assert.match(rules[2].expr, /BlackHoleCluster/);
    assert.match(rules[2].expr, /response_code="403"/);
  });
});
