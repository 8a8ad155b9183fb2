import { strict as assert } from "node:assert";
import { typeKey, type KubernetesObject } from "../manifests/kubernetes-object";
import { isCoreGroup } from "../validation/core-models";
import { formatSchemaError } from "../validation/schema-error";
import { SchemaValidator } from "../validation/validate-objects";
import { kubernetesObjects, stackRun, STACKS } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * Every custom resource the service layers (and the layers' mesh objects) register validates against its
 * upstream CRD with the project's one validator (validation/): schema with unknown fields as errors, and
 * the CRDs' CEL rules.
 */

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

let validator: SchemaValidator | undefined;
/** One validator for every test here: the CRDs are loaded and compiled once. */
function errorsOf(objects: KubernetesObject[]): string[] {
  validator ??= new SchemaValidator({ crds: [SHARED_CRDS] });
  const result = validator.validate(objects);
  assert.equal(result.unvalidated.length, 0);
  return result.schemaErrors.map(formatSchemaError);
}

for (const stack of STACKS) {
  describe(`service layers' custom resources against the upstream CRDs (${stack})`, function () {
    let customResources: KubernetesObject[] = [];
    before(async function () {
      requireSharedCrds(this);
      customResources = kubernetesObjects((await stackRun(stack)).resources).filter((o) => !isCoreGroup(o.apiVersion));
    });

    it("registers every kind the issue names", () => {
      const kinds = new Set(customResources.map(typeKey));
      for (const kind of EXPECTED_KINDS) assert.ok(kinds.has(kind), `no ${kind}`);
    });

    it("every custom resource validates: schema (unknown fields are errors) and CEL rules", () => {
      assert.deepEqual(errorsOf(customResources), []);
    });

    it("the validator is not a pass-through: a typo in a field and a wrong type fail", () => {
      const pa = structuredClone(customResources.find((o) => o.kind === "PeerAuthentication")!);
      (pa.spec as any).mtls = { mod: "STRICT" };
      assert.notDeepEqual(errorsOf([pa]), []);
      const schedule = structuredClone(customResources.find((o) => o.kind === "Schedule")!);
      (schedule.spec as any).template.ttl = 30;
      assert.notDeepEqual(errorsOf([schedule]), []);
    });

    it("Istio's CEL rules are evaluated on the mesh's objects (a DestinationRule's ejection time must exceed 1ms)", () => {
      const rule = structuredClone(customResources.find((o) => o.kind === "DestinationRule")!);
      (rule.spec as any).trafficPolicy.outlierDetection.baseEjectionTime = "0s";
      assert.deepEqual(errorsOf([rule]).map((e) => e.replace(/ \(x-kubernetes-validations rule: .*\)$/, "")), [
        `DestinationRule ${rule.metadata.namespace}/${rule.metadata.name} /spec/trafficPolicy/outlierDetection/baseEjectionTime: must be a valid duration greater than 1ms`,
      ]);
    });

    it("Istio's CRDs, whose schemas list no apiVersion, kind or metadata, still reject an unknown field at the root", () => {
      const pa = structuredClone(customResources.find((o) => o.kind === "PeerAuthentication")!);
      assert.deepEqual(errorsOf([pa]), []);
      (pa as any).specs = {};
      assert.equal(errorsOf([pa]).length, 1);
    });

    it("the prometheus-operator's RE2 pattern with a (?i) flag is matched as Go matches it", () => {
      const rules = structuredClone(customResources.find((o) => o.kind === "PrometheusRule")!);
      const group = (rules.spec as any).groups[0];
      group.partial_response_strategy = "WARN";
      assert.deepEqual(errorsOf([rules]), []);
      group.partial_response_strategy = "sometimes";
      assert.deepEqual(errorsOf([rules]).map((e) => e.split(": ")[0]), [`PrometheusRule ${rules.metadata.namespace}/${rules.metadata.name} /spec/groups/0/partial_response_strategy`]);
    });
  });
}
