import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { z } from "zod";
import type { Capability } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import { capabilities as capabilitiesCommand, type CapabilityReport } from "../cli/capabilities";
import { check, type CheckReport, type InvalidConfigReport } from "../cli/check";
import { composeStackSchema, orderByNeeds } from "../config/compose";
import { renderStack } from "../render";
import { packConfig } from "../stack/pack-config";
import { widget, WIDGET_GROUP, WIDGET_NAMESPACE, widgetPin } from "./fixtures/widget-capability";
import { asStackConfig, PROJECT_DIR, testLayer } from "./harness";

/**
 * The seam: a capability defined in the test directory (tests/fixtures/widget-capability) joins the
 * platform through the registry alone, and shows up everywhere a capability does: `strata check` (its
 * resources, its output, its chart allowed by the pack), `strata render` (its layer, chart and custom
 * resource), `strata capabilities`, the config schema and the pack's allow-list; its config key's check
 * refuses bad input with the key path, nothing registered. No file of the project names it.
 */

const REGISTRY: readonly Capability[] = [...CAPABILITIES, widget];

/** A CRD for the fixture's kind, so `strata check --crds` validates its custom resource like any other. */
const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `widgets.${WIDGET_GROUP}` },
  spec: {
    group: WIDGET_GROUP,
    names: { kind: "Widget", plural: "widgets", singular: "widget", listKind: "WidgetList" },
    scope: "Namespaced",
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, spec: { type: "object", required: ["replicas"], properties: { replicas: { type: "integer", minimum: 1 }, greeting: { type: "string" } } } },
          },
        },
      },
    ],
  },
};

function project(stacks: Record<string, Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-seam-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const [stack, config] of Object.entries(stacks)) {
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config: Object.fromEntries(Object.entries(asStackConfig(config)).map(([k, v]) => [`strata:${k}`, v])) }));
  }
  fs.mkdirSync(path.join(dir, "crds"));
  fs.writeFileSync(path.join(dir, "crds", "widgets.yaml"), stringify(WIDGET_CRD));
  return dir;
}

async function run<T>(command: (out: (t: string) => void, err: (t: string) => void) => Promise<number> | number): Promise<{ code: number; stdout: string; stderr: string; json: () => T }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await command((t) => stdout.push(t), (t) => stderr.push(t));
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n"), json: () => JSON.parse(stdout.join("\n")) as T };
}

describe("the capability seam: a fixture capability through the registry alone", function () {
  this.timeout(120_000);
  const layers = [testLayer("front", { peers: ["back"] }), testLayer("back")];
  let dir: string;

  before(() => {
    dir = project({
      widgets: { profile: "dev", layers, widget: { replicas: 3, greeting: "hi" } },
      plain: { profile: "dev", layers },
      "bad-widgets": { profile: "prod", layers, widget: { replicas: 1, greting: "typo" } },
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("strata check: its namespace, release and custom resource registered (the resource after the release), its output; the pack allows its chart; schema-valid", async () => {
    const r = await run<CheckReport>((out, err) => check({ stack: "widgets", json: true, projectDir: dir, capabilities: REGISTRY, crds: [path.join(dir, "crds"), ...sharedCrds()] }, out, err));
    const report = r.json();
    const widgetResource = report.resources.find((x) => (x.inputs as { kind?: string }).kind === "Widget" && (x.inputs as { metadata: { name: string } }).metadata.name === "hello")!;
    assert.ok(widgetResource, "no Widget was registered");
    assert.deepEqual((widgetResource.inputs as { spec: unknown }).spec, { replicas: 3, greeting: "hi" });
    const release = report.resources.find((x) => x.type === "kubernetes:helm.sh/v3:Release" && x.inputs.chart === widgetPin.name)!;
    assert.equal(release.inputs.version, widgetPin.version);
    assert.ok(widgetResource.dependsOn.includes(release.urn), "the custom resource waits for the release that installs its CRD");
    assert.ok(report.resources.some((x) => (x.inputs as { kind?: string; metadata?: { name?: string } }).kind === "Namespace" && (x.inputs as { metadata: { name: string } }).metadata.name === WIDGET_NAMESPACE));
    assert.deepEqual(report.outputs.widget, { namespace: WIDGET_NAMESPACE });
    assert.deepEqual(report.violations.filter((v) => v.enforcement === "mandatory"), [], r.stderr);
    assert.ok(!report.violations.some((v) => v.rule === "supply-chain-helm-allowlist"), "the pack's allow-list holds the fixture's chart");
    if (sharedCrds().length) assert.deepEqual(report.schemaErrors, []);
    assert.equal(r.code, 0, r.stderr);
  });

  it("a stack that does not configure it deploys none of it", async () => {
    const r = await run<CheckReport>((out, err) => check({ stack: "plain", json: true, projectDir: dir, capabilities: REGISTRY }, out, err));
    const report = r.json();
    assert.ok(!report.resources.some((x) => x.type === "strata:test:Widget" || x.inputs.chart === widgetPin.name));
    assert.ok(!("widget" in report.outputs));
  });

  it("its config key's checks: a prod minimum and an unknown key, exit 2 with the key paths, nothing registered", async () => {
    const r = await run<InvalidConfigReport>((out, err) => check({ stack: "bad-widgets", json: true, projectDir: dir, capabilities: REGISTRY }, out, err));
    assert.equal(r.code, 2, r.stderr);
    const report = r.json();
    assert.deepEqual(report.resources, []);
    assert.deepEqual(report.configErrors.map((e) => e.key).sort(), ["strata:widget.greting", "strata:widget.replicas"]);
    assert.match(report.configErrors.find((e) => e.key === "strata:widget.greting")!.message, /did you mean "greeting"/);
    assert.match(report.configErrors.find((e) => e.key === "strata:widget.replicas")!.message, /prod runs at least 2 widgets/);
    // Without the capability in the registry, the key is unknown.
    const without = await run<InvalidConfigReport>((out, err) => check({ stack: "widgets", json: true, projectDir: dir }, out, err));
    assert.equal(without.code, 2);
    assert.deepEqual(without.json().configErrors.map((e) => e.key), ["strata:widget"]);
  });

  it("strata render: its layer, after the cluster's, with its chart entry and its custom resource", () => {
    const result = renderStack(dir, "widgets", REGISTRY);
    if (!result.ok) assert.fail(JSON.stringify(result.issues));
    const names = result.tree.layers.map((l) => l.name);
    assert.ok(names.includes("widget"));
    const layer = result.tree.layers.find((l) => l.name === "widget")!;
    assert.deepEqual(layer.helmCharts.map((c) => [c.name, c.version, c.repo]), [[widgetPin.name, widgetPin.version, widgetPin.repo]]);
    assert.deepEqual(layer.objects.map((o) => o.kind), ["Namespace", "NetworkPolicy", "Widget"]);
    assert.match(result.tree.files.get("widget/kustomization.yaml")!, /name: widget-operator/);
    assert.ok(names.indexOf("widget") > names.indexOf("cluster"));
  });

  it("strata capabilities: listed with its key, chart, CRD group, namespace and needs, enabled where configured", async () => {
    const all = await run<{ capabilities: CapabilityReport[] }>((out, err) => capabilitiesCommand({ json: true, projectDir: dir, capabilities: REGISTRY }, out, err));
    const listed = all.json().capabilities.find((c) => c.name === "widget")!;
    assert.deepEqual(
      { key: listed.configKey, charts: listed.charts, crdGroups: listed.crdGroups, namespaces: listed.namespaces.map((n) => n.name), needs: listed.needs },
      { key: "widget", charts: [widgetPin], crdGroups: [WIDGET_GROUP], namespaces: [WIDGET_NAMESPACE], needs: ["cluster"] },
    );
    const on = await run<{ capabilities: CapabilityReport[] }>((out, err) => capabilitiesCommand({ json: true, stack: "widgets", projectDir: dir, capabilities: REGISTRY }, out, err));
    const off = await run<{ capabilities: CapabilityReport[] }>((out, err) => capabilitiesCommand({ json: true, stack: "plain", projectDir: dir, capabilities: REGISTRY }, out, err));
    assert.equal(on.json().capabilities.find((c) => c.name === "widget")!.enabled, true);
    assert.equal(off.json().capabilities.find((c) => c.name === "widget")!.enabled, false);
    const text = await run((out, err) => capabilitiesCommand({ stack: "widgets", projectDir: dir, capabilities: REGISTRY }, out, err));
    assert.match(text.stdout, /^\[on\] {2}widget \(strata:widget\): widgets: a fixture capability of the tests$/m);
  });

  it("the config schema has its key (with its own keys); the pack's allow-list has its chart; its namespace is reserved for layers", async () => {
    const schema = z.toJSONSchema(composeStackSchema(REGISTRY), { io: "input" }) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(schema.properties.widget.properties ?? {}).sort(), ["greeting", "replicas"]);
    for (const profile of ["dev", "prod"] as const) {
      const allowed = (packConfig(profile, REGISTRY)["supply-chain-helm-allowlist"] as { allowedCharts: { chart: string; repository?: string; version: string }[] }).allowedCharts;
      assert.ok(allowed.some((c) => c.chart === widgetPin.name && c.repository === widgetPin.repo && c.version === widgetPin.version), profile);
    }
    const taken = project({ clash: { profile: "dev", layers: [testLayer(WIDGET_NAMESPACE)] } });
    try {
      const r = await run<InvalidConfigReport>((out, err) => check({ stack: "clash", json: true, projectDir: taken, capabilities: REGISTRY }, out, err));
      assert.equal(r.code, 2);
      assert.match(r.json().configErrors.find((e) => e.key === "strata:layers[0].name")!.message, /"widgets" is a reserved namespace/);
    } finally {
      fs.rmSync(taken, { recursive: true, force: true });
    }
  });

  it("no other file was touched: nothing outside tests/ names it", () => {
    // git grep exits 1 when nothing matches; the README may speak of the test.
    const r = spawnSync("git", ["grep", "--untracked", "-l", "-i", "-e", "widget", "--", ".", ":!tests", ":!README.md"], { cwd: PROJECT_DIR, encoding: "utf8" });
    assert.equal(r.status, 1, `project files naming the fixture:\n${r.stdout}${r.stderr}`);
  });

  it("a registry whose capabilities need one that is missing, or need each other, is refused at once", () => {
    assert.throws(() => orderByNeeds([{ ...widget, needs: ["nowhere"] }]), /capability "widget" needs "nowhere", which is not registered/);
    assert.throws(() => orderByNeeds([{ name: "a", needs: ["b"] }, { name: "b", needs: ["a"] }]), /capabilities need each other in a cycle: a → b → a/);
    assert.throws(() => composeStackSchema([...CAPABILITIES, { ...widget, name: "copy", config: widget.config! }]), /a capability's key is its name/);
  });
});

/** ../shared/crds when it is there: the fixture's stack then validates every object (else only the fixture's). */
function sharedCrds(): string[] {
  const shared = path.join(PROJECT_DIR, "..", "shared", "crds");
  return fs.existsSync(shared) ? [shared] : [];
}

describe("the capability seam: the fixture added to a copy of the project with one registry line", function () {
  this.timeout(240_000);
  let copy: string;

  before(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), "strata-seam-copy-"));
    const tracked = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_DIR, encoding: "utf8" }).stdout.split("\0").filter((f) => f && !f.startsWith("tests/"));
    for (const file of tracked) {
      fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(copy, file));
    }
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(copy, "node_modules"), "dir");
    // The fixture becomes capabilities/widget/index.ts: the same module, its imports one folder shallower.
    const fixture = fs.readFileSync(path.join(__dirname, "fixtures", "widget-capability", "index.ts"), "utf8").replaceAll('"../../../capabilities/', '"../').replaceAll('"../../../', '"../../');
    fs.mkdirSync(path.join(copy, "capabilities", "widget"));
    fs.writeFileSync(path.join(copy, "capabilities", "widget", "index.ts"), fixture);
    // The one registry line (and its import), last: after the application layers, which build on its hooks.
    const registry = path.join(copy, "capabilities", "registry.ts");
    const text = fs.readFileSync(registry, "utf8");
    fs.writeFileSync(registry, `import { widget } from "./widget";\n${text.replace("applicationLayers] as const;", "applicationLayers, widget] as const;")}`);
    assert.notEqual(fs.readFileSync(registry, "utf8"), text);
    fs.writeFileSync(path.join(copy, "Pulumi.widgets.yaml"), stringify({ config: { "strata:profile": "dev", "strata:replaceDefaults": ["layers"], "strata:layers": [testLayer("front", { peers: ["back"] }), testLayer("back")], "strata:widget": { replicas: 2 } } }));
  });
  after(() => fs.rmSync(copy, { recursive: true, force: true }));

  it("strata config-schema, capabilities, pack-config, check and render of the copy all show it; its types derive; its hooks reach the layers", () => {
    // One process runs the copy's own CLI modules (the registry's defaults, nothing passed in), printing what each command printed.
    const script = `
      const { check } = require("./cli/check");
      const { capabilities } = require("./cli/capabilities");
      const { renderStack } = require("./render");
      const { stackConfigSchema } = require("./stack/spec");
      const { packConfig } = require("./stack/pack-config");
      const { z } = require("zod");
      (async () => {
        const lines = [];
        const out = (t) => lines.push(t);
        const result = {};
        result.schema = z.toJSONSchema(stackConfigSchema, { io: "input" }).properties.widget;
        await capabilities({ json: true, stack: "widgets", projectDir: "." }, out, out);
        result.capabilities = JSON.parse(lines.pop());
        result.allowed = packConfig("prod")["supply-chain-helm-allowlist"].allowedCharts;
        const code = await check({ stack: "widgets", json: true, projectDir: "." }, out, () => {});
        result.check = { code, report: JSON.parse(lines.pop()) };
        const tree = renderStack(".", "widgets");
        result.render = tree.ok ? tree.tree.layers.map((l) => ({ name: l.name, kinds: l.objects.map((o) => o.kind), charts: l.helmCharts.map((c) => c.name) })) : tree.issues;
        process.stdout.write(JSON.stringify(result));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ["-r", "tsx/cjs", "-e", script], { cwd: copy, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(result.schema.properties).sort(), ["greeting", "replicas"]);
    const listed = result.capabilities.capabilities.map((c: { name: string; enabled: boolean }) => `${c.name}:${c.enabled}`);
    assert.ok(listed.includes("widget:true"), listed.join(" "));
    // Deployed before the application layers, which take its layer objects and wait for its release.
    assert.ok(listed.indexOf("widget:true") < listed.indexOf("application-layers:true"), listed.join(" "));
    assert.ok(result.allowed.some((c: { chart: string }) => c.chart === widgetPin.name));
    const { code, report } = result.check as { code: number; report: CheckReport };
    assert.equal(code, 0, JSON.stringify(report.violations));
    const release = report.resources.find((x) => x.inputs.chart === widgetPin.name)!;
    const layerWidgets = report.resources.filter((x) => (x.inputs as { kind?: string; metadata?: { name?: string } }).kind === "Widget" && (x.inputs as { metadata: { name: string } }).metadata.name === "layer-widget");
    assert.deepEqual(layerWidgets.map((x) => (x.inputs as { metadata: { namespace: string } }).metadata.namespace).sort(), ["back", "front"]);
    for (const w of layerWidgets) assert.ok(w.dependsOn.includes(release.urn), "a layer's widget waits for the release that installs its CRD");
    const deployments = report.resources.filter((x) => x.type === "kubernetes:apps/v1:Deployment" && ["front", "back"].includes((x.inputs as { metadata: { namespace: string } }).metadata.namespace));
    assert.equal(deployments.length, 2);
    for (const d of deployments) assert.ok(d.dependsOn.includes(release.urn), "a layer's pods wait for the widget operator (its layerPodsWaitFor)");
    assert.deepEqual(report.outputs.widget, { namespace: WIDGET_NAMESPACE });
    const layers = result.render as { name: string; kinds: string[]; charts: string[] }[];
    assert.deepEqual(layers.find((l) => l.name === "widget")!.charts, [widgetPin.name]);
    assert.ok(layers.find((l) => l.name === "front")!.kinds.includes("Widget"), "the render writes the layer's widget with the layer");
    assert.ok(layers.findIndex((l) => l.name === "widget") < layers.findIndex((l) => l.name === "front"));

    // Its derived types: the copy's PlatformSpec has a `widget` field of the fixture's spec type.
    fs.writeFileSync(path.join(copy, "widget-types.ts"), 'import type { PlatformSpec } from "./stack/spec";\nexport const replicas = (spec: PlatformSpec): number | undefined => spec.widget?.replicas;\n');
    const tsc = spawnSync(process.execPath, [path.join(PROJECT_DIR, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict", "--skipLibCheck", "--esModuleInterop", "--resolveJsonModule", "--target", "ES2022", "--module", "commonjs", "--types", "node", "widget-types.ts"], { cwd: copy, encoding: "utf8" });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
