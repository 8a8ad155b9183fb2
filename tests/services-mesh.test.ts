import { strict as assert } from "node:assert";
import { MESH_CNI_NAMESPACE } from "../capabilities/mesh";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { allowPolicyName } from "../capabilities/application-layers/objects";
import { serviceAccountPrincipal, GATEWAY_NAME, istioPorts } from "../platform/istio";
import { platformNamespaces } from "../platform/namespaces";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../platform/monitoring";
import { ISTIO_VERSION } from "../capabilities/mesh";
import { stackSpec } from "./graph-support";
import { kubernetesObjects, objectsOfKind, runValidConfig, stackRun, STACKS, testLayer } from "./harness";
import { component, MESH_TYPE, release } from "./services-support";

/** The mesh under mocks for dev and prod: mTLS, authorization mirroring the network rules, the one load balancer. */

/** A NetworkPolicy's "ingress from layer <caller>" peers, as the namespaces they admit. */
function networkPolicyCallers(objects: KubernetesObject[], namespace: string): string[] {
  return objectsOfKind<any>(objects, "NetworkPolicy")
    .filter((p) => p.metadata.namespace === namespace && p.spec.policyTypes.includes("Ingress") && p.spec.ingress?.length)
    .flatMap((p) => p.spec.ingress.flatMap((rule: any) => rule.from.map((peer: any) => peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"] as string)))
    .sort();
}

/** An AuthorizationPolicy's principals, as the namespaces whose identities they admit. */
function principalNamespaces(policy: any): string[] {
  return policy.spec.rules.flatMap((r: any) => r.from.flatMap((f: any) => f.source.principals.map((p: string) => p.split("/ns/")[1].split("/sa/")[0]))).sort();
}

for (const stack of STACKS) {
  describe(`mesh (${stack}, offline)`, () => {
    let objects: KubernetesObject[];
    let run: Awaited<ReturnType<typeof stackRun>>;
    before(async () => {
      run = await stackRun(stack);
      objects = kubernetesObjects(run.resources);
    });

    it(`installs base, cni, istiod and gateway ${ISTIO_VERSION} with the CNI plugin and images from the upstream registry`, () => {
      for (const chart of ["base", "cni", "istiod", "gateway"]) assert.equal(release(run, chart).inputs.version, ISTIO_VERSION);
      const istiod = release(run, "istiod").inputs.values;
      assert.equal(istiod.cni.enabled, true, "istiod must know the CNI plugin redirects traffic (no istio-init)");
      assert.deepEqual([istiod.global.hub, istiod.global.tag], ["docker.io/istio", ISTIO_VERSION]);
      assert.deepEqual(istiod.nodeSelector, { "strata.io/node-pool": "system" });
    });

    it(stack === "prod" ? "runs istiod HA: 2 replicas, a PDB, no autoscaler" : "runs one istiod in dev", () => {
      const istiod = release(run, "istiod").inputs.values;
      assert.equal(istiod.replicaCount, stack === "prod" ? 2 : 1);
      assert.equal(istiod.autoscaleEnabled, false);
      assert.equal(istiod.global.defaultPodDisruptionBudget.enabled, stack === "prod");
    });

    it("has one mesh-wide PeerAuthentication, STRICT (dev's default too)", () => {
      const meshWide = objectsOfKind<any>(objects, "PeerAuthentication").filter((p) => p.metadata.namespace === platformNamespaces.meshRoot && !p.spec.selector);
      assert.equal(meshWide.length, 1);
      assert.equal(meshWide[0].spec.mtls.mode, "STRICT");
    });

    it("labels every application namespace for injection; the CNI agent's namespace alone is privileged, with its reason", () => {
      const namespaces = objectsOfKind<any>(objects, "Namespace");
      for (const layer of stackSpec(stack).layers) {
        const ns = namespaces.find((n) => n.metadata.name === layer.name);
        assert.equal(ns.metadata.labels["istio-injection"], "enabled", layer.name);
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted", layer.name);
      }
      const privileged = namespaces.filter((n) => n.metadata.labels["pod-security.kubernetes.io/enforce"] !== "restricted").map((n) => n.metadata.name).sort();
      assert.deepEqual(privileged, [MESH_CNI_NAMESPACE, platformNamespaces.nodeExporter].sort());
      for (const ns of namespaces.filter((n) => privileged.includes(n.metadata.name))) assert.ok(ns.metadata.annotations["strata.io/pod-security-exemption"]);
    });

    it("every application namespace's AuthorizationPolicy admits exactly its NetworkPolicy's callers, by service-account principal", () => {
      const spec = stackSpec(stack);
      for (const layer of spec.layers) {
        const policies = objectsOfKind<any>(objects, "AuthorizationPolicy").filter((p) => p.metadata.namespace === layer.name);
        assert.equal(policies.length, 1, layer.name);
        const policy = policies[0];
        assert.equal(policy.spec.action, "ALLOW");
        assert.deepEqual(principalNamespaces(policy), networkPolicyCallers(objects, layer.name), `${layer.name}: mesh and network callers differ`);
        // And both are the declared peers (plus monitoring, plus the gateway for the edge layer).
        const declared = spec.layers.filter((l) => l.peers.includes(layer.name)).map((l) => l.name);
        const extra = [platformNamespaces.monitoring, ...(spec.mesh.gateway.routes.some((route) => route.layer === layer.name) ? [platformNamespaces.gateway] : [])];
        assert.deepEqual(principalNamespaces(policy), [...declared, ...extra].sort());
        const principals = policy.spec.rules.flatMap((r: any) => r.from[0].source.principals);
        for (const caller of declared) assert.ok(principals.includes(serviceAccountPrincipal(caller, caller)), `${layer.name} must admit ${caller}'s service account`);
        assert.ok(principals.includes(serviceAccountPrincipal(platformNamespaces.monitoring, PROMETHEUS_SERVICE_ACCOUNT)));
      }
    });

    it("each layer's Sidecar scopes egress to its peers, data services and the control plane, registry only", () => {
      const spec = stackSpec(stack);
      for (const layer of spec.layers) {
        const sidecar = objectsOfKind<any>(objects, "Sidecar").find((s) => s.metadata.namespace === layer.name);
        const expected = [platformNamespaces.meshRoot, ...layer.peers, ...Object.keys(layer.dataServices)].map((ns) => `${ns}/*`).sort();
        assert.deepEqual([...sidecar.spec.egress[0].hosts].sort(), expected, layer.name);
        assert.equal(sidecar.spec.outboundTrafficPolicy.mode, "REGISTRY_ONLY");
      }
    });

    it("exactly one LoadBalancer Service: the gateway's, an internal NLB of the AWS Load Balancer Controller's class", () => {
      const lbs = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
      assert.equal(lbs.length, 1);
      assert.equal(lbs[0].metadata.namespace, platformNamespaces.gateway);
      assert.equal(lbs[0].spec.loadBalancerClass, "service.k8s.aws/nlb", "the in-tree cloud provider must leave it to the controller");
      assert.equal(lbs[0].metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internal");
      assert.equal(release(run, "gateway").inputs.values.service.type, "None", "the chart must not make a second one");
    });

    it("routes the edge into the edge layer with the configured timeout and retries; DestinationRules bound pools and eject outliers", () => {
      const spec = stackSpec(stack);
      const vs = objectsOfKind<any>(objects, "VirtualService");
      assert.equal(vs.length, 1);
      const route = vs[0].spec.http[0];
      const [edge] = spec.mesh.gateway.routes.map((r) => r.layer);
      assert.equal(route.route[0].destination.host, `${edge}.${edge}.svc.cluster.local`);
      assert.equal(route.timeout, spec.mesh.gateway.timeout);
      assert.deepEqual(route.retries, spec.mesh.gateway.retries);
      const rules = objectsOfKind<any>(objects, "DestinationRule");
      assert.equal(rules.length, spec.layers.length);
      for (const rule of rules) {
        assert.equal(rule.spec.trafficPolicy.tls.mode, "ISTIO_MUTUAL");
        assert.deepEqual(rule.spec.trafficPolicy.outlierDetection, spec.mesh.trafficPolicy.outlierDetection);
        assert.equal(rule.spec.trafficPolicy.connectionPool.tcp.maxConnections, spec.mesh.trafficPolicy.connectionPool.maxConnections);
      }
    });

    it("the gateway may reach only the edge layer; the edge layer admits the gateway's pods", () => {
      const spec = stackSpec(stack);
      const [edge] = spec.mesh.gateway.routes.map((r) => r.layer);
      const egress = objectsOfKind<any>(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === platformNamespaces.gateway && p.spec.egress);
      const layerTargets = egress.flatMap((p) => p.spec.egress.flatMap((r: any) => (r.to ?? []).map((t: any) => t.namespaceSelector.matchLabels["kubernetes.io/metadata.name"])));
      assert.deepEqual(layerTargets.filter((ns: string) => spec.layers.some((l) => l.name === ns)), [edge]);
      const admit = objectsOfKind<any>(objects, "NetworkPolicy").find((p) => p.metadata.namespace === edge && p.metadata.name === allowPolicyName.ingressFromGateway);
      assert.ok(admit, "the edge layer has no ingress from the gateway");
      assert.ok(admit.spec.ingress[0].from[0].podSelector.matchLabels.app === GATEWAY_NAME);
    });

    it("application pods wait for the injector, their mesh objects for Istio's CRDs", () => {
      const mesh = component(run, MESH_TYPE);
      const istiod = release(run, "istiod");
      const base = release(run, "base");
      assert.equal(istiod.parent, mesh.urn);
      for (const deployment of run.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment" && (r.inputs as any).metadata.namespace !== "monitoring")) {
        assert.ok(deployment.dependsOn.includes(istiod.urn), `${deployment.urn} does not wait for istiod`);
      }
      for (const ap of run.resources.filter((r) => (r.inputs as any).kind === "AuthorizationPolicy")) assert.ok(ap.dependsOn.includes(base.urn));
    });

    it("meshed pods reach istiod's xDS port; monitoring reaches Envoy's metrics port", () => {
      for (const layer of stackSpec(stack).layers) {
        const np = objectsOfKind<any>(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === layer.name);
        const toIstiod = np.find((p) => p.metadata.name === allowPolicyName.egressToMeshControlPlane);
        assert.deepEqual(toIstiod.spec.egress[0].ports, [{ protocol: "TCP", port: istioPorts.xds }]);
        const monitoring = np.find((p) => p.metadata.name === allowPolicyName.ingressFromMonitoring);
        assert.ok(monitoring.spec.ingress[0].ports.some((p: any) => p.port === istioPorts.envoyMetrics));
      }
    });
  });
}

describe("mesh (configured)", () => {
  it("dev may run PERMISSIVE; an internet-facing NLB; TLS adds HTTPS (at the minimum version) and a redirect", async () => {
    const run = await runValidConfig({
      profile: "dev",
      layers: [testLayer("front", { peers: ["back"] }), testLayer("back")],
      mesh: { mtls: "PERMISSIVE", gateway: { exposure: "internet-facing", edgeLayer: "front", tlsSecret: "edge-cert", hosts: ["api.example.com"] } },
    });
    const objects = kubernetesObjects(run.resources);
    assert.equal(objectsOfKind<any>(objects, "PeerAuthentication")[0].spec.mtls.mode, "PERMISSIVE");
    const lb = objectsOfKind<any>(objects, "Service").find((s) => s.spec.type === "LoadBalancer");
    assert.equal(lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"], "internet-facing");
    const gw = objectsOfKind<any>(objects, "Gateway")[0];
    assert.deepEqual(gw.spec.servers.map((s: any) => [s.port.number, s.tls]), [
      [80, { httpsRedirect: true }],
      [443, { mode: "SIMPLE", credentialName: "edge-cert", minProtocolVersion: "TLSV1_2" }],
    ]);
    const back = objectsOfKind<any>(objects, "AuthorizationPolicy").find((p) => p.metadata.namespace === "back");
    assert.deepEqual(principalNamespaces(back), ["front", "monitoring"], "back admits its caller and monitoring, not the gateway");
  });
});
