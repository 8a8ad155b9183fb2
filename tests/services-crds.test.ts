import { strict as assert } from "node:assert";
import { typeKey, type KubernetesObject } from "../layers/kubernetes-object";
import { crdsUnavailable, validateCustomResource } from "./crd-schema";
import { kubernetesObjects, stackRun, STACKS } from "./harness";

/** Every custom resource the service layers (and the layers' mesh objects) register validates against its upstream CRD. */

const CORE_GROUPS = /^(v1|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v2|networking\.k8s\.io\/v1|rbac\.authorization\.k8s\.io\/v1|storage\.k8s\.io\/v1)$/;

const EXPECTED_KINDS = [
  "security.istio.io/v1/PeerAuthentication",
  "security.istio.io/v1/AuthorizationPolicy",
  "networking.istio.io/v1/Sidecar",
  "networking.istio.io/v1/Gateway",
  "networking.istio.io/v1/VirtualService",
  "networking.istio.io/v1/DestinationRule",
  "velero.io/v1/BackupStorageLocation",
  "velero.io/v1/VolumeSnapshotLocation",
  "velero.io/v1/Schedule",
  "monitoring.coreos.com/v1/PrometheusRule",
  "monitoring.coreos.com/v1/ServiceMonitor",
  "monitoring.coreos.com/v1/PodMonitor",
];

for (const stack of STACKS) {
  describe(`service layers' custom resources against the upstream CRDs (${stack})`, function () {
    let customResources: KubernetesObject[] = [];
    before(async function () {
      const reason = crdsUnavailable();
      if (reason) {
        console.warn(`SKIPPED: ${reason}`);
        this.skip();
      }
      customResources = kubernetesObjects((await stackRun(stack)).resources).filter((o) => !CORE_GROUPS.test(o.apiVersion));
    });

    it("registers every kind the issue names", () => {
      const kinds = new Set(customResources.map(typeKey));
      for (const kind of EXPECTED_KINDS) assert.ok(kinds.has(kind), `no ${kind}`);
    });

    it("every custom resource validates (unknown fields are errors)", () => {
      const problems = customResources.flatMap((o) => validateCustomResource(o).map((p) => `${typeKey(o)} ${o.metadata.namespace}/${o.metadata.name}: ${p}`));
      assert.deepEqual(problems, []);
    });

    it("the validator is not a pass-through: a typo in a field fails", () => {
      const pa = structuredClone(customResources.find((o) => o.kind === "PeerAuthentication")!);
      (pa.spec as any).mtls = { mod: "STRICT" };
      assert.notDeepEqual(validateCustomResource(pa), []);
      const schedule = structuredClone(customResources.find((o) => o.kind === "Schedule")!);
      (schedule.spec as any).template.ttl = 30;
      assert.notDeepEqual(validateCustomResource(schedule), []);
    });
  });
}
