import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import type { HelmChartSpec } from "../manifests/helm-chart";
import { EGRESS_GATEWAY_NAME } from "../platform/egress";
import { COMBINATIONS, edgeConfig } from "./edge-support";
import { specOf, STACKS } from "./harness";
import { renderSpec } from "./render-support";
import { requireShared, SHARED_DIR } from "./shared-dir";

/**
 * Every value key Strata gives the public edge's charts (and Istio's gateway, ingress and egress) is one the chart knows: checked
 * against the chart's values.schema.json where upstream ships one (its properties, `additionalProperties:
 * false` where it says so), else against the keys of its values.yaml (a key under a map the chart leaves
 * empty or null is free-form: nodeSelector, annotations). The reference files are in ../shared/chart-reference.
 */

const REFERENCE = path.join(SHARED_DIR, "chart-reference");

/** The charts checked here, by chart name: their reference directory. */
const CHARTS: Record<string, string> = {
  "aws-load-balancer-controller": "aws-load-balancer-controller",
  "cert-manager": "cert-manager",
  "external-dns": "external-dns",
  gateway: "istio-gateway",
};

/**
 * Values a chart copies verbatim into a Kubernetes object (a pod's or container's security context, its
 * resources): their keys are the Kubernetes API's fields, which the restricted-profile and OpenAPI checks
 * judge, not chart keys.
 */
const KUBERNETES_OBJECT_VALUES = new Set(["securityContext", "podSecurityContext", "containerSecurityContext", "resources", "affinity", "tolerations", "topologySpreadConstraints"]);

/** Key paths of `values` that `reference` (values.yaml) does not know. */
export function unknownKeys(values: unknown, reference: unknown, at = ""): string[] {
  if (!isMap(values) || !isMap(reference) || Object.keys(reference).length === 0) return [];
  return Object.entries(values).flatMap(([key, value]) => {
    const where = at ? `${at}.${key}` : key;
    if (!(key in reference)) return [where];
    return KUBERNETES_OBJECT_VALUES.has(key) ? [] : unknownKeys(value, reference[key], where);
  });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The chart's values.yaml, with Istio's `_internal_defaults_do_not_set` (the real defaults) lifted to the top. */
function referenceValues(dir: string): Record<string, unknown> {
  const values = parse(fs.readFileSync(path.join(REFERENCE, dir, "values.yaml"), "utf8")) as Record<string, unknown>;
  const internal = values._internal_defaults_do_not_set;
  return isMap(internal) ? { ...values, ...internal } : values;
}

function schemaErrors(dir: string, values: unknown): string[] | undefined {
  const file = path.join(REFERENCE, dir, "values.schema.json");
  if (!fs.existsSync(file)) return undefined;
  const schema = JSON.parse(fs.readFileSync(file, "utf8"));
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : ""}`);
}

/** The problems of one chart's values: schema errors where upstream ships a schema, else unknown keys. */
export function valueProblems(chart: HelmChartSpec): string[] {
  const dir = CHARTS[chart.name];
  return schemaErrors(dir, chart.values) ?? unknownKeys(chart.values, referenceValues(dir)).map((k) => `${k}: not a key of ${dir}/values.yaml`);
}

/** The seed stacks on a public edge (docs/seed-profiles.md "Seed profiles"): their charts are checked too. */
const PUBLIC_EDGE_SEEDS = ["hdr", "raa-single-tenant", "raa-multi-tenant", "acgs2"];

/** The seed stacks whose layers declare external hosts (docs/egress.md): their egress gateway's values are checked too. */
const EGRESS_SEEDS = ["ideation-engine", "raa-single-tenant", "raa-multi-tenant"];

/** The stacks whose charts are checked: dev, prod, the seeds on a public edge or with egress, and the four public edges. */
function stacks(): [string, Record<string, unknown>][] {
  const files = [...STACKS, ...new Set([...PUBLIC_EDGE_SEEDS, ...EGRESS_SEEDS])].map((s) => [s, (parse(fs.readFileSync(path.join(__dirname, "..", `Pulumi.${s}.yaml`), "utf8")) as { config: Record<string, unknown> }).config] as const);
  const raw = files.map(([s, config]) => [s, Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("strata:")).map(([k, v]) => [k.slice("strata:".length), v]))] as [string, Record<string, unknown>]);
  return [...raw, ...COMBINATIONS.map(([e, l]) => [`${e}-${l}`, edgeConfig(e, l, l === "nlb" ? { mesh: { gateway: { exposure: e, edgeLayer: "front", hosts: ["api.example.com"], hostedZone: { id: "Z0123456789ABCDEFGHIJ", name: "example.com" }, certificates: "cert-manager", clientAddress: "proxy-protocol" } } } : {})] as [string, Record<string, unknown>])];
}

describe("chart values against the charts' own values.yaml and values.schema.json", function () {
  before(function () {
    requireShared(this, REFERENCE, "the chart values checks");
  });

  it("the checker is not a pass-through: an unknown key and a wrong type are caught, with a schema and without", () => {
    assert.deepEqual(unknownKeys({ replicaCount: 2, nodeSelector: { a: "b" }, image: { tagg: "x" } }, referenceValues(CHARTS["aws-load-balancer-controller"])), ["image.tagg"]);
    assert.ok(schemaErrors("cert-manager", { replicaCount: 1, webhook: { replicaCounts: 2 } })!.some((e) => /replicaCounts/.test(e)));
    assert.ok(schemaErrors("external-dns", { policy: "delete-all" })!.length > 0);
    assert.ok(schemaErrors("istio-gateway", { replicaCount: "three" })!.length > 0);
  });

  for (const [name, config] of stacks()) {
    it(`${name}: every value of ${Object.keys(CHARTS).join(", ")} is a key its chart knows`, () => {
      const { tree } = renderSpec(specOf(config), () => [], name);
      const charts = tree.layers.flatMap((l) => l.helmCharts).filter((c) => c.name in CHARTS);
      assert.ok(charts.some((c) => c.name === "gateway") && charts.some((c) => c.name === "aws-load-balancer-controller"), "the gateway and the controller are checked");
      // The egress gateway is the same chart: its values are checked where a layer declares egress.
      assert.equal(charts.filter((c) => c.releaseName === EGRESS_GATEWAY_NAME).length, EGRESS_SEEDS.includes(name) ? 1 : 0, `${name}: the egress gateway's release`);
      if (name.startsWith("internet-facing") || PUBLIC_EDGE_SEEDS.includes(name)) assert.deepEqual(charts.map((c) => c.name).filter((n) => n === "external-dns"), ["external-dns"]);
      for (const chart of charts) assert.deepEqual(valueProblems(chart), [], `${name}: ${chart.name}`);
    });
  }
});
