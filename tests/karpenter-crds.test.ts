import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { karpenterPin } from "../capabilities/karpenter";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { renderStack } from "../render";
import { formatSchemaError } from "../validation/schema-error";
import { SchemaValidator } from "../validation/validate-objects";
import { kubernetesObjects, PROJECT_DIR, SEED_STACKS, stackRun, STACKS } from "./harness";
import { requireShared, requireSharedCrds, SHARED_CRDS, SHARED_DIR } from "./shared-dir";

/**
 * Every Karpenter custom resource of every stack validates against ../shared/crds/karpenter (schema with
 * unknown fields as errors, and the CRDs' CEL rules, Kubernetes' regex library included); and the chart's
 * values, as the release and the render carry them, use only keys the chart's values.yaml
 * (../shared/chart-reference/karpenter) knows.
 */

const KARPENTER_CRDS = path.join(SHARED_CRDS, "karpenter");
const CHART_VALUES = path.join(SHARED_DIR, "chart-reference", "karpenter", "values.yaml");

let validator: SchemaValidator | undefined;
function errorsOf(objects: KubernetesObject[]): string[] {
  validator ??= new SchemaValidator({ crds: [KARPENTER_CRDS] });
  const result = validator.validate(objects);
  assert.deepEqual(result.unvalidated, []);
  assert.equal(result.validated, objects.length);
  return result.schemaErrors.map(formatSchemaError);
}

const karpenterObjects = (objects: KubernetesObject[]) => objects.filter((o) => /^karpenter\.(sh|k8s\.aws)\//.test(o.apiVersion));

describe("Karpenter's custom resources against the upstream CRDs (schema and CEL)", function () {
  // Each seed stack's program runs once here when no earlier test ran it.
  this.timeout(120_000);
  before(function () {
    requireSharedCrds(this);
  });

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`${stack}: every NodePool and EC2NodeClass validates`, async () => {
      const objects = karpenterObjects(kubernetesObjects((await stackRun(stack)).resources));
      assert.ok(objects.some((o) => o.kind === "NodePool") && objects.some((o) => o.kind === "EC2NodeClass"), `${stack} has no Karpenter objects`);
      assert.deepEqual(errorsOf(objects), []);
    });
  }

  it("the validator is not a pass-through: the CEL rules (regex find, mutual exclusion, schedule with duration) and the schema catch what they should", async () => {
    const objects = karpenterObjects(kubernetesObjects((await stackRun("dev")).resources));
    const pool = () => structuredClone(objects.find((o) => o.kind === "NodePool")!) as any;
    const nodeClass = () => structuredClone(objects.find((o) => o.kind === "EC2NodeClass")!) as any;

    const restrictedLabel = pool();
    restrictedLabel.spec.template.metadata.labels["karpenter.sh/custom"] = "x";
    assert.match(errorsOf([restrictedLabel]).join("\n"), /label domain "karpenter\.sh" is restricted/);

    const restrictedKey = pool();
    restrictedKey.spec.template.spec.requirements.push({ key: "karpenter.k8s.aws/ec2nodeclass-x", operator: "Exists" });
    assert.match(errorsOf([restrictedKey]).join("\n"), /label domain "karpenter\.k8s\.aws" is restricted/);

    const scheduleAlone = pool();
    scheduleAlone.spec.disruption.budgets.push({ nodes: "0", schedule: "0 9 * * 1" });
    assert.match(errorsOf([scheduleAlone]).join("\n"), /'schedule' must be set with 'duration'/);

    const both = nodeClass();
    both.spec.role = "nodes";
    assert.match(errorsOf([both]).join("\n"), /must specify exactly one of \['role', 'instanceProfile'\]/);

    const typo = nodeClass();
    typo.spec.metadataOption = typo.spec.metadataOptions;
    assert.notDeepEqual(errorsOf([typo]), []);

    const badLimit = pool();
    badLimit.spec.limits.cpu = "lots";
    assert.notDeepEqual(errorsOf([badLimit]), []);
  });
});

/** The value paths a values.yaml leaves open: maps it declares empty, and Kubernetes types the chart writes out whole (toYaml). */
const WRITTEN_WHOLE = new Set(["nodeSelector", "affinity", "podSecurityContext"]);

/** The keys of `values` that `reference` (the chart's values.yaml) does not know, as dotted paths. */
function unknownKeys(values: unknown, reference: unknown, at = ""): string[] {
  if (!values || typeof values !== "object" || Array.isArray(values)) return [];
  if (WRITTEN_WHOLE.has(at)) return [];
  const known = reference && typeof reference === "object" && !Array.isArray(reference) ? (reference as Record<string, unknown>) : undefined;
  if (known && Object.keys(known).length === 0) return [];
  return Object.entries(values as Record<string, unknown>).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    if (!known || !(key in known)) return [path];
    return unknownKeys(value, known[key], path);
  });
}

describe("Karpenter's chart values against the chart's values.yaml", function () {
  this.timeout(120_000);
  let reference: Record<string, unknown>;
  before(function () {
    requireShared(this, CHART_VALUES, "the values checks");
    reference = parse(fs.readFileSync(CHART_VALUES, "utf8"));
  });

  it("the check finds what it should: an unknown key, a key under a known one, and not a free-form map's keys", () => {
    assert.deepEqual(unknownKeys({ replica: 2, settings: { clusterName: "x", clustername: "y" }, controller: { resources: { requests: { cpu: "1" } } }, podLabels: { a: "b" } }, reference), ["replica", "settings.clustername"]);
  });

  for (const stack of [...STACKS, ...SEED_STACKS]) {
    it(`${stack}: the release's values, and the render's, use only keys values.yaml knows`, async () => {
      const run = await stackRun(stack);
      const release = run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === `${karpenterPin.repo}/${karpenterPin.name}`)!;
      assert.ok(release, `${stack} has no Karpenter release`);
      assert.deepEqual(unknownKeys(JSON.parse(JSON.stringify(release.inputs.values)), reference), []);
      const render = renderStack(PROJECT_DIR, stack);
      if (!render.ok) assert.fail(JSON.stringify(render.issues));
      const chart = render.tree.layers.find((l) => l.name === "karpenter")!.helmCharts[0];
      assert.deepEqual(unknownKeys(chart.values, reference), []);
    });
  }
});
