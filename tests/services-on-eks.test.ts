import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { COREDNS_METRICS_PORT, ALERTMANAGER_PORTS } from "../capabilities/observability/names";
import { dataServiceEndpoints, dataServiceNames } from "../platform/data-services";
import { istioPorts } from "../platform/istio";
import { dnsPodLabels, platformNamespaces } from "../platform/namespaces";
import { findObject } from "./graph-support";
import { kubernetesObjects, stackRun, STACKS } from "./harness";
import { release } from "./services-support";

/**
 * What the service layers need to work on EKS and with the mesh beyond their own objects: injected proxies
 * that meet the restricted profile, no scrapes of the control plane EKS hides, monitoring's reach (the data
 * services' proxies, CoreDNS), Alertmanager's gossip, and Prometheus started after the injector.
 */

/** The NetworkPolicy of that name in that namespace (exactly one). */
function policy(objects: KubernetesObject[], namespace: string, name: string): any {
  return findObject(objects, "NetworkPolicy", namespace, name);
}

for (const stack of STACKS) {
  describe(`service layers on EKS and the mesh (${stack}, offline)`, () => {
    let run: Awaited<ReturnType<typeof stackRun>>;
    let objects: KubernetesObject[];
    before(async () => {
      run = await stackRun(stack);
      objects = kubernetesObjects(run.resources);
    });

    it("every injected proxy carries the RuntimeDefault seccomp profile (pods without one at pod level stay restricted once meshed)", () => {
      assert.deepEqual(release(run, "istiod").inputs.values.global.proxy.seccompProfile, { type: "RuntimeDefault" });
    });

    it("kube-prometheus-stack neither scrapes nor alerts on the control plane EKS runs (controller manager, scheduler, etcd) nor kube-proxy", () => {
      const values = release(run, "kube-prometheus-stack").inputs.values;
      for (const key of ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"]) assert.deepEqual(values[key], { enabled: false }, key);
      assert.deepEqual(values.defaultRules.rules, { etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false });
    });

    it("monitoring reaches CoreDNS's metrics and the data services' proxies (Envoy's port)", () => {
      assert.deepEqual(policy(objects, platformNamespaces.monitoring, "allow-egress-to-coredns").spec.egress, [
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": platformNamespaces.dns } }, podSelector: { matchLabels: { ...dnsPodLabels } } }], ports: [{ protocol: "TCP", port: COREDNS_METRICS_PORT }] },
      ]);
      for (const service of dataServiceNames) {
        const ports = policy(objects, platformNamespaces.monitoring, `allow-egress-to-${service}`).spec.egress[0].ports.map((p: any) => p.port);
        assert.ok(ports.includes(istioPorts.envoyMetrics), `${dataServiceEndpoints[service].namespace}: ${ports}`);
      }
    });

    it("Alertmanager's peers gossip over TCP and UDP within monitoring", () => {
      const within = policy(objects, platformNamespaces.monitoring, "allow-within-namespace").spec;
      for (const rules of [within.ingress, within.egress]) {
        const gossip = rules[0].ports.filter((p: any) => p.port === ALERTMANAGER_PORTS.cluster).map((p: any) => p.protocol).sort();
        assert.deepEqual(gossip, ["TCP", "UDP"]);
      }
    });

    it("the kube-prometheus-stack release waits for the mesh's injector (Prometheus's proxy holds its scrape certificates)", () => {
      assert.ok(release(run, "kube-prometheus-stack").dependsOn.includes(release(run, "istiod").urn));
    });
  });
}
