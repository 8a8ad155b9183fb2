import { strict as assert } from "node:assert";
import { MESH_CNI_NAMESPACE } from "../capabilities/mesh";
import type { ApplicationLayerSpec } from "../config";
import type { PlatformSpec } from "../stack";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { SucceededRun } from "../offline/run";
import { dataServiceEndpoints, dataServiceNames } from "../platform/data-services";
import { labelKeys, podSecurityLabelKeys } from "../platform/labels";
import { DNS_PORT, dnsPodLabels, platformNamespaces } from "../platform/namespaces";
import { POD_SECURITY_VERSION } from "../platform/versions";
import {
  allowedFlows,
  BASE_IMAGE,
  describeObject,
  expectedMetricsPort,
  expectedServingPorts,
  selects,
  stackSpec,
  type Flow,
  applicationObjects,
} from "./graph-support";
import { kubernetesObjects, objectsOfKind, runValidConfig, runWithConfig, specOf, stackRun, STACKS } from "./harness";
import { GATEWAY_NAME, istioPorts } from "../platform/istio";
import { POD_SECURITY_EXEMPTION_ANNOTATION } from "../manifests/namespace-exemption";

/** Pod labels of each layer's Deployment pod template, by namespace. */
function layerPodLabels(objects: KubernetesObject[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const d of objectsOfKind(objects, "Deployment")) out.set(d.metadata.namespace!, (d.spec as any).template.metadata.labels);
  return out;
}

/**
 * A flow as a comparable string. The other side's pods are "*" (all pods of the namespace), "layer" (a selector
 * that selects the layer's pods in that namespace), or the selector's labels.
 */
function flowString(f: Flow, pods: Map<string, Record<string, string>>): string {
  let side: string;
  if (!f.pods) side = "*";
  else if (Object.keys(f.pods).length === 0) side = "{}";
  else if (pods.has(f.namespace) && selects(f.pods, pods.get(f.namespace))) side = "layer";
  else side = Object.entries(f.pods).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(",");
  return `${f.direction} ns=${f.namespace} pods=${side} ${f.protocol}/${f.port}`;
}

/** What a layer's namespace must allow, derived from the spec alone. */
function expectedFlows(layer: ApplicationLayerSpec, spec: PlatformSpec): string[] {
  const flows: string[] = [];
  const dns = Object.entries(dnsPodLabels).map(([k, v]) => `${k}=${v}`).join(",");
  // The sidecar's control plane; Envoy's metrics; the gateway into the edge layer.
  flows.push(`egress ns=${platformNamespaces.meshRoot} pods=app=istiod TCP/${istioPorts.xds}`);
  flows.push(`ingress ns=${platformNamespaces.monitoring} pods=* TCP/${istioPorts.envoyMetrics}`);
  if (spec.mesh.gateway.routes.some((route) => route.layer === layer.name)) {
    for (const p of expectedServingPorts(layer)) flows.push(`ingress ns=${platformNamespaces.gateway} pods=app=${GATEWAY_NAME},istio=ingressgateway ${p.protocol}/${p.port}`);
  }
  for (const protocol of ["UDP", "TCP"]) flows.push(`egress ns=${platformNamespaces.dns} pods=${dns} ${protocol}/${DNS_PORT}`);
  for (const peerName of layer.peers) {
    const peer = spec.layers.find((l) => l.name === peerName);
    assert.ok(peer, `${layer.name} names unknown peer ${peerName}`);
    for (const p of expectedServingPorts(peer)) flows.push(`egress ns=${peer.name} pods=layer ${p.protocol}/${p.port}`);
  }
  for (const caller of spec.layers.filter((l) => l.peers.includes(layer.name))) {
    for (const p of expectedServingPorts(layer)) flows.push(`ingress ns=${caller.name} pods=layer ${p.protocol}/${p.port}`);
  }
  for (const service of dataServiceNames) {
    if (layer.dataServices[service] === undefined) continue;
    const endpoint = dataServiceEndpoints[service];
    for (const p of endpoint.ports) flows.push(`egress ns=${endpoint.namespace} pods=* TCP/${p.port}`);
  }
  const metrics = expectedMetricsPort(layer);
  flows.push(`ingress ns=${platformNamespaces.monitoring} pods=* ${metrics.protocol}/${metrics.port}`);
  return [...new Set(flows)].sort();
}

function actualFlows(run: SucceededRun, namespace: string): string[] {
  const objects = applicationObjects(run);
  const policies = objectsOfKind(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === namespace);
  const pods = layerPodLabels(objects);
  return [...new Set(allowedFlows(policies).map((f) => flowString(f, pods)))].sort();
}

function assertRuleSetsMatchSpec(run: SucceededRun, spec: PlatformSpec): void {
  for (const layer of spec.layers) {
    assert.deepEqual(actualFlows(run, layer.name), expectedFlows(layer, spec), `${layer.name}: allowed flows differ from the spec`);
  }
}

/** Namespaces whose traffic a layer's policies allow, in either direction. */
function reachableNamespaces(run: SucceededRun, namespace: string): Set<string> {
  const policies = objectsOfKind(applicationObjects(run), "NetworkPolicy").filter((p) => p.metadata.namespace === namespace);
  return new Set(allowedFlows(policies).map((f) => f.namespace));
}

describe("isolation", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: every namespace enforces, audits and warns at restricted, with version labels`, async () => {
        const run = await stackRun(stack);
        const all = objectsOfKind(kubernetesObjects(run.resources), "Namespace");
        const spec = stackSpec(stack);
        assert.deepEqual(objectsOfKind(applicationObjects(run), "Namespace").map((n) => n.metadata.name).sort(), spec.layers.map((l) => l.name).sort());
        // Only the node agents' own namespaces leave the restricted profile, each with its reason.
        const exempt = all.filter((n) => n.metadata.annotations?.[POD_SECURITY_EXEMPTION_ANNOTATION]);
        assert.deepEqual(exempt.map((n) => n.metadata.name).sort(), [MESH_CNI_NAMESPACE, platformNamespaces.nodeExporter].sort());
        const namespaces = all.filter((n) => !exempt.includes(n));
        for (const ns of namespaces) {
          const labels = ns.metadata.labels ?? {};
          for (const mode of ["enforce", "audit", "warn"] as const) {
            assert.equal(labels[podSecurityLabelKeys[mode]], "restricted", `${ns.metadata.name}: ${mode}`);
            const version = labels[podSecurityLabelKeys[`${mode}Version`]];
            assert.match(version ?? "", /^(v\d+\.\d+|latest)$/, `${ns.metadata.name}: ${mode}-version`);
            assert.equal(version, POD_SECURITY_VERSION, `${ns.metadata.name}: ${mode}-version`);
          }
        }
      });

      it(`${stack}: every namespace has a default-deny policy (all pods, Ingress and Egress, no rules)`, async () => {
        const run = await stackRun(stack);
        const objects = applicationObjects(run);
        const policies = objectsOfKind(objects, "NetworkPolicy");
        for (const ns of objectsOfKind(objects, "Namespace")) {
          const denies = policies.filter((p) => {
            const s = p.spec as any;
            return (
              p.metadata.namespace === ns.metadata.name &&
              s.podSelector && Object.keys(s.podSelector).length === 0 &&
              [...(s.policyTypes ?? [])].sort().join(",") === "Egress,Ingress" &&
              s.ingress === undefined &&
              s.egress === undefined
            );
          });
          assert.equal(denies.length, 1, `${ns.metadata.name}: expected one default-deny policy, found ${denies.length}`);
        }
      });

      it(`${stack}: DNS egress goes to kube-system DNS pods on 53 UDP and TCP only`, async () => {
        const run = await stackRun(stack);
        const objects = applicationObjects(run);
        for (const ns of objectsOfKind(objects, "Namespace")) {
          const policies = objectsOfKind(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === ns.metadata.name);
          const dnsFlows = allowedFlows(policies).filter((f) => f.namespace === platformNamespaces.dns);
          assert.deepEqual(
            dnsFlows.map((f) => `${f.direction} ${f.protocol}/${f.port}`).sort(),
            [`egress TCP/${DNS_PORT}`, `egress UDP/${DNS_PORT}`],
            ns.metadata.name,
          );
          for (const f of dnsFlows) assert.deepEqual(f.pods, { ...dnsPodLabels }, `${ns.metadata.name}: DNS egress must target the DNS pods only`);
          // The DNS policy applies to every pod of the namespace and allows egress only.
          const dnsPolicies = policies.filter((p) => allowedFlows([p]).some((f) => f.namespace === platformNamespaces.dns));
          assert.equal(dnsPolicies.length, 1, ns.metadata.name);
          const spec = dnsPolicies[0].spec as any;
          assert.deepEqual(spec.podSelector, {});
          assert.deepEqual(spec.policyTypes, ["Egress"]);
          assert.equal(spec.ingress, undefined);
        }
      });

      it(`${stack}: the allow rules of each namespace are exactly the declared peers, callers, data services, monitoring and DNS`, async () => {
        assertRuleSetsMatchSpec(await stackRun(stack), stackSpec(stack));
      });

      it(`${stack}: every allow policy applies to the layer's own pods (or all pods) and no peer is empty, an ipBlock or a non-name namespace selector`, async () => {
        const run = await stackRun(stack);
        const objects = applicationObjects(run);
        const pods = layerPodLabels(objects);
        const policies = objectsOfKind(objects, "NetworkPolicy");
        assert.ok(policies.length > 0);
        for (const policy of policies) {
          const spec = policy.spec as any;
          const what = describeObject(policy);
          assert.ok(spec.podSelector, `${what}: no podSelector`);
          const own = pods.get(policy.metadata.namespace!);
          assert.ok(own, `${what}: namespace has no layer pods`);
          assert.ok(selects(spec.podSelector.matchLabels, own), `${what}: does not select the layer's pods`);
          assert.equal(spec.podSelector.matchExpressions, undefined, what);
          for (const direction of ["ingress", "egress"] as const) {
            const peersKey = direction === "ingress" ? "from" : "to";
            if (spec[direction] !== undefined) assert.ok(spec.policyTypes.includes(direction === "ingress" ? "Ingress" : "Egress"), `${what}: rules without policy type`);
            for (const rule of spec[direction] ?? []) {
              assert.ok(Array.isArray(rule[peersKey]) && rule[peersKey].length > 0, `${what}: a ${direction} rule with an empty "${peersKey}" (allows everyone)`);
              assert.ok(Array.isArray(rule.ports) && rule.ports.length > 0, `${what}: a ${direction} rule without ports (allows every port)`);
              for (const port of rule.ports) {
                assert.equal(typeof port.port, "number", `${what}: port ${JSON.stringify(port)}`);
                assert.equal(port.endPort, undefined, `${what}: port range`);
              }
              for (const peer of rule[peersKey]) {
                assert.equal(peer.ipBlock, undefined, `${what}: ipBlock ${JSON.stringify(peer.ipBlock)}`);
                assert.ok(peer.namespaceSelector, `${what}: peer without a namespaceSelector`);
                assert.deepEqual(Object.keys(peer.namespaceSelector), ["matchLabels"], `${what}: namespaceSelector must use matchLabels only`);
                assert.deepEqual(Object.keys(peer.namespaceSelector.matchLabels), [labelKeys.namespaceName], `${what}: namespaceSelector must select by name`);
                assert.ok(peer.namespaceSelector.matchLabels[labelKeys.namespaceName], `${what}: empty namespace name`);
                if (peer.podSelector) {
                  assert.equal(peer.podSelector.matchExpressions, undefined, what);
                  assert.ok(Object.keys(peer.podSelector.matchLabels ?? {}).length > 0, `${what}: empty podSelector in a peer`);
                }
              }
            }
          }
        }
      });
    });
  }

  describe("custom peers", () => {
    // front <-> api (mutual), caller -> api (one way), batch talks to no layer.
    const config = {
      profile: "prod",
      layers: [
        { name: "front", image: BASE_IMAGE, capacityClass: "on-demand", peers: ["api"] },
        {
          name: "api",
          image: BASE_IMAGE,
          capacityClass: "spot",
          peers: ["front"],
          ports: [
            { name: "http", port: 8080 },
            { name: "grpc", port: 9090 },
            { name: "metrics", port: 9797 },
          ],
          metrics: { port: "metrics" },
          dataServices: { redis: {} },
        },
        { name: "batch", image: BASE_IMAGE, capacityClass: "spot", dataServices: { kafka: { read: ["events"] }, postgres: {} } },
        { name: "caller", image: BASE_IMAGE, capacityClass: "on-demand", peers: ["api"] },
      ],
      kafka: { topics: [{ name: "events" }] },
    };
    let run: SucceededRun;
    before(async () => {
      run = await runValidConfig(config);
    });

    it("no policy allows traffic between layers that are not peers", () => {
      const layers = config.layers.map((l) => l.name);
      const related = (a: string, b: string) =>
        config.layers.some((l) => (l.name === a && l.peers?.includes(b)) || (l.name === b && l.peers?.includes(a)));
      let checked = 0;
      for (const a of layers) {
        for (const b of layers) {
          if (a === b || related(a, b)) continue;
          checked++;
          assert.ok(!reachableNamespaces(run, a).has(b), `${a} allows traffic with non-peer ${b}`);
        }
      }
      assert.ok(checked >= 6, "the config has non-peer pairs");
      assert.deepEqual(
        [...reachableNamespaces(run, "batch")].sort(),
        ["istio-system", "kafka", "kube-system", "monitoring", "postgres"],
        "batch reaches only DNS, istiod, its data services and is reached by monitoring",
      );
    });

    it("a one-way peer gives egress to the callee and ingress into it, nothing back", () => {
      const callerFlows = actualFlows(run, "caller").filter((f) => f.includes("ns=api "));
      const apiFlows = actualFlows(run, "api").filter((f) => f.includes("ns=caller "));
      assert.deepEqual(callerFlows, ["egress ns=api pods=layer TCP/8080", "egress ns=api pods=layer TCP/9090"]);
      assert.deepEqual(apiFlows, ["ingress ns=caller pods=layer TCP/8080", "ingress ns=caller pods=layer TCP/9090"]);
    });

    it("the allow rules of each namespace match the spec exactly (metrics port reachable by monitoring only)", () => {
      assertRuleSetsMatchSpec(run, specOf(config));
      assert.ok(!actualFlows(run, "front").some((f) => f.endsWith("/9797")), "front may not reach api's metrics port");
      assert.ok(actualFlows(run, "api").includes("ingress ns=monitoring pods=* TCP/9797"));
    });
  });

  /**
   * A layer's name is also its namespace. A layer taking the name of a namespace the network rules treat as
   * a platform or data-service namespace would share that namespace's rules (or, for kube-system, put
   * restricted PSA and default-deny on cluster DNS). Each test passes when such a config is rejected with an
   * issue at the layer's name, or when, accepted, it could not cause that harm.
   */
  describe("layer names that collide with platform and data-service namespaces", () => {
    it("a layer named kube-system is rejected (it would put restricted PSA and default-deny on kube-system)", async () => {
      const run = await runWithConfig({ profile: "dev", layers: [{ name: "kube-system", image: BASE_IMAGE, capacityClass: "spot" }] });
      if (!run.ok) {
        assert.ok(run.issues.some((i) => i.path === "layers[0].name"), JSON.stringify(run.issues));
        return;
      }
      const reserved = new Set<string>([...Object.values(platformNamespaces), ...Object.values(dataServiceEndpoints).map((e) => e.namespace)]);
      const taken = objectsOfKind(applicationObjects(run), "Namespace").map((n) => n.metadata.name).filter((n) => reserved.has(n));
      assert.deepEqual(taken, [], `Strata would own (and default-deny) the platform namespace(s) ${taken.join(", ")}`);
    });

    it("a layer named postgres is rejected (a non-peer using the postgres data service would reach its pods)", async () => {
      const run = await runWithConfig({
        profile: "dev",
        layers: [
          { name: "postgres", image: BASE_IMAGE, capacityClass: "on-demand", ports: [{ name: "pg", port: 5432 }] },
          { name: "app", image: BASE_IMAGE, capacityClass: "spot", dataServices: { postgres: {} } },
        ],
      });
      if (!run.ok) {
        assert.ok(run.issues.some((i) => i.path === "layers[0].name"), JSON.stringify(run.issues));
        return;
      }
      // app and the layer "postgres" are not peers: app must not reach the layer's namespace.
      assert.ok(!reachableNamespaces(run, "app").has("postgres"), "app (not a peer) may reach the pods of layer postgres on 5432");
    });

    it("a layer named kafka, peer of a kafka user, is a config error, not a crash", async () => {
      let run;
      try {
        run = await runWithConfig({
          profile: "dev",
          layers: [
            { name: "kafka", image: BASE_IMAGE, capacityClass: "on-demand" },
            { name: "app", image: BASE_IMAGE, capacityClass: "spot", peers: ["kafka"], dataServices: { kafka: {} } },
          ],
        });
      } catch (err) {
        assert.fail(`the program threw instead of reporting a config error: ${(err as Error).message}`);
      }
      assert.equal(run.ok, false, "the config should be rejected");
    });
  });
});
