import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { dataServiceEndpoints } from "../platform/data-services";
import { enforcedFlows, graphFormats, stackGraph, type StackGraph } from "../render/graph";
import { stackDesiredState } from "../render/render-stack";
import { strata } from "./cli-support";
import { expectedServingPorts } from "./graph-support";
import { chromiumPath, HeadlessChromium } from "./headless-chromium";
import { PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { parseMermaid } from "./mermaid-parser";
import { tempDir } from "./render-support";

/**
 * `strata graph`: every stack drawn in every format, checked by the tools that read each one (Mermaid's
 * parser from npm, Graphviz's `dot`, a headless Chromium); the flows it draws are those the NetworkPolicies
 * let through; the README's picture is its output.
 */

const ALL_STACKS = [...STACKS, ...SEED_STACKS];
const README_MARKER = "<!-- architecture-picture -->";
const README_END_MARKER = "<!-- /architecture-picture -->";
/** The command whose output the README's picture is. */
const README_PICTURE = ["graph", "--stack", "dev", "--format", "mermaid"];

function graphOf(stack: string, flows: boolean): StackGraph {
  const state = stackDesiredState(PROJECT_DIR, stack);
  if (!state.ok) assert.fail(`stack ${stack}: ${JSON.stringify(state.issues)}`);
  return stackGraph({ stack, spec: state.spec, desiredState: state.layers, flows });
}

const graphs = new Map<string, { plain: StackGraph; flows: StackGraph; spec: ReturnType<typeof specOf> }>();
function specOf(stack: string) {
  const state = stackDesiredState(PROJECT_DIR, stack);
  if (!state.ok) assert.fail(`stack ${stack}`);
  return state.spec;
}
function graphsOf(stack: string) {
  let g = graphs.get(stack);
  if (!g) graphs.set(stack, (g = { plain: graphOf(stack, false), flows: graphOf(stack, true), spec: specOf(stack) }));
  return g;
}

const edgeKey = (from: string, to: string) => `${from} -> ${to}`;

describe("strata graph: every stack, every format", () => {
  for (const stack of ALL_STACKS) {
    describe(stack, () => {
      it("has every layer with its startup wave and capacity class, every data service it uses, and exactly the declared peer, data-service and startup edges", () => {
        const { plain, spec } = graphsOf(stack);
        const layers = plain.nodes.filter((n) => n.kind === "layer");
        assert.deepEqual(layers.map((n) => n.name).sort(), spec.layers.map((l) => l.name).sort());
        for (const layer of spec.layers) {
          const node = layers.find((n) => n.name === layer.name)!;
          assert.equal(node.capacityClass, layer.capacityClass);
          const expectedWave = layer.dependsOn.layers.length + layer.dependsOn.dataServices.length === 0 ? 0 : 1 + Math.max(0, ...layer.dependsOn.layers.map((d) => layers.find((n) => n.name === d)!.wave!));
          assert.equal(node.wave, expectedWave, `${layer.name}'s wave`);
        }
        const declared = (kind: string) => plain.edges.filter((e) => e.kind === kind).map((e) => edgeKey(e.from, e.to)).sort();
        assert.deepEqual(declared("peer"), spec.layers.flatMap((l) => l.peers.map((p) => edgeKey(`layer_${l.name.replace(/-/g, "_")}`, `layer_${p.replace(/-/g, "_")}`))).sort());
        assert.deepEqual(declared("data"), spec.layers.flatMap((l) => Object.keys(l.dataServices).map((s) => edgeKey(`layer_${l.name.replace(/-/g, "_")}`, `data_${s}`))).sort());
        assert.deepEqual(
          declared("startup"),
          spec.layers.flatMap((l) => [...l.dependsOn.layers.map((d) => `layer_${d.replace(/-/g, "_")}`), ...l.dependsOn.dataServices.map((d) => `data_${d}`)].map((to) => edgeKey(`layer_${l.name.replace(/-/g, "_")}`, to))).sort(),
        );
        for (const e of plain.edges) assert.ok(plain.nodes.some((n) => n.id === e.to) && plain.nodes.some((n) => n.id === e.from), `edge ${e.from} -> ${e.to} names no node`);
      });

      it("--flows: the NetworkPolicies let each layer reach its peers on their serving ports and the data services it uses, and nothing the config does not declare between layers", () => {
        const { flows, spec } = graphsOf(stack);
        const flowEdges = new Map(flows.edges.filter((e) => e.kind === "flow").map((e) => [edgeKey(e.from, e.to), e.label!]));
        const id = (name: string) => `layer_${name.replace(/-/g, "_")}`;
        for (const layer of spec.layers) {
          for (const peerName of layer.peers) {
            const peer = spec.layers.find((l) => l.name === peerName)!;
            const ports = flowEdges.get(edgeKey(id(layer.name), id(peerName)));
            assert.ok(ports, `no enforced flow ${layer.name} -> ${peerName}`);
            for (const p of expectedServingPorts(peer)) assert.ok(ports.split(" ").includes(`${p.protocol}/${p.port}`), `${layer.name} -> ${peerName}: ${p.port} not in ${ports}`);
          }
          for (const service of Object.keys(layer.dataServices) as (keyof typeof dataServiceEndpoints)[]) {
            const ports = flowEdges.get(edgeKey(id(layer.name), `data_${service}`));
            assert.ok(ports, `no enforced flow ${layer.name} -> ${service}`);
            for (const p of dataServiceEndpoints[service].ports) assert.ok(ports.includes(`TCP/${p.port}`));
          }
        }
        const layerIds = new Set(spec.layers.map((l) => id(l.name)));
        const declared = new Set(spec.layers.flatMap((l) => l.peers.map((p) => edgeKey(id(l.name), id(p)))));
        const undeclared = [...flowEdges.keys()].filter((k) => {
          const [from, to] = k.split(" -> ");
          return layerIds.has(from) && layerIds.has(to) && !declared.has(k);
        });
        assert.deepEqual(undeclared, []);
      });

      it("Mermaid's parser (npm mermaid) accepts it, with and without --flows", async () => {
        const { plain, flows } = graphsOf(stack);
        for (const g of [plain, flows]) assert.deepEqual(await parseMermaid(graphFormats.mermaid(g)), { diagramType: "flowchart-v2", config: {} });
      });

      it("Graphviz's dot renders the DOT form, with and without --flows", function () {
        if (spawnSync("dot", ["-V"]).status !== 0) {
          console.warn("    SKIPPED: Graphviz's `dot` is not installed (apt-get install graphviz); the DOT output is not rendered");
          this.skip();
        }
        const { plain, flows } = graphsOf(stack);
        for (const g of [plain, flows]) {
          const r = spawnSync("dot", ["-Tsvg"], { input: graphFormats.dot(g), encoding: "utf8" });
          assert.equal(r.status, 0, r.stderr);
          // dot writes each node's id as its title (and escapes the label's "-").
          for (const node of g.nodes) assert.ok(r.stdout.includes(`<title>${node.id}</title>`), `${node.id} is not in dot's SVG`);
        }
      });
    });
  }

  it("mermaid's parser is a real one: it rejects a broken diagram", async () => {
    await assert.rejects(parseMermaid('flowchart LR\n  a -->|"open label b\n'), /Parse error/);
  });

  describe("in a headless Chromium (one launch for every stack): the HTML page and the SVG", () => {
    let chromium: HeadlessChromium | undefined;
    const dir = tempDir("strata-graph-");
    before(async function () {
      const binary = chromiumPath();
      if (!binary) {
        console.warn("    SKIPPED: no chromium on PATH (apt-get install chromium); the HTML and SVG pictures are not loaded in a browser");
        this.skip();
      }
      if (typeof WebSocket === "undefined") {
        console.warn(`    SKIPPED: Node ${process.versions.node} has no WebSocket (Node 22 has; source scripts/node-env.sh), which drives Chromium here`);
        this.skip();
      }
      chromium = await HeadlessChromium.launch(binary!);
    });
    after(async () => chromium?.close());

    it("every stack's page loads with no error and no request, shows every layer (in the picture and the table), and a click on a layer highlights its edges", async () => {
      for (const stack of ALL_STACKS) {
        const g = graphsOf(stack).flows;
        const file = path.join(dir, `${stack}.html`);
        fs.writeFileSync(file, graphFormats.html(g));
        const report = await chromium!.load(
          file,
          `(() => {
            const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
            const nodes = [...document.querySelectorAll("svg g[data-layer]")].filter(shown).map((e) => e.getAttribute("data-layer"));
            const rows = [...document.querySelectorAll("tbody tr[data-layer]")].filter(shown).map((e) => e.getAttribute("data-layer"));
            const first = document.querySelector("svg g[data-layer]");
            first.dispatchEvent(new MouseEvent("click", { bubbles: true }));
            const highlighted = document.querySelectorAll("path.edge.selected").length;
            return { nodes, rows, highlighted, text: document.body.innerText };
          })()`,
        );
        assert.deepEqual(report.errors, [], `${stack}: errors`);
        assert.deepEqual(report.requests, [], `${stack}: the page fetched something`);
        const value = report.value as { nodes: string[]; rows: string[]; highlighted: number; text: string };
        const layers = g.nodes.filter((n) => n.kind === "layer").map((n) => n.name).sort();
        assert.deepEqual([...value.nodes].sort(), layers, `${stack}: layers in the picture`);
        assert.deepEqual([...value.rows].sort(), layers, `${stack}: layers in the table`);
        const firstLayer = g.nodes.find((n) => n.kind === "layer")!;
        assert.equal(value.highlighted, g.edges.filter((e) => e.from === firstLayer.id || e.to === firstLayer.id).length, `${stack}: highlighted edges`);
      }
    });

    it("the SVG form loads as an image document with every layer", async () => {
      const g = graphsOf("prod").flows;
      const file = path.join(dir, "prod.svg");
      fs.writeFileSync(file, graphFormats.svg(g));
      const report = await chromium!.load(file, `[...document.querySelectorAll("g[data-layer]")].filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.getAttribute("data-layer"))`);
      assert.deepEqual(report.errors, []);
      assert.deepEqual((report.value as string[]).sort(), g.nodes.filter((n) => n.kind === "layer").map((n) => n.name).sort());
    });
  });
});

describe("enforced flows: both sides' NetworkPolicies", () => {
  const policy = (namespace: string, spec: Record<string, unknown>): KubernetesObject => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "p", namespace }, spec: { podSelector: {}, ...spec } });
  const to = (ns: string, port: number) => ({ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } }], ports: [{ protocol: "TCP", port }] });
  const from = (ns: string, port: number) => ({ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } }], ports: [{ protocol: "TCP", port }] });
  const shown = (objects: KubernetesObject[]) => enforcedFlows(objects).map((f) => `${f.from.namespace ?? f.from.outside} -> ${f.to.namespace ?? f.to.outside} ${f.ports.join(",")}`).sort();

  it("a flow both sides allow is drawn once; one the receiver's ingress refuses, or on another port, is not", () => {
    const objects = [
      policy("a", { policyTypes: ["Egress"], egress: [to("b", 80), to("c", 80), to("d", 80)] }),
      policy("b", { policyTypes: ["Ingress"], ingress: [from("a", 80)] }),
      policy("c", { policyTypes: ["Ingress"], ingress: [] }),
      policy("d", { policyTypes: ["Ingress"], ingress: [from("a", 443)] }),
    ];
    assert.deepEqual(shown(objects), ["a -> b TCP/80"]);
  });

  it("a namespace no policy governs in a direction lets the flow through; an ipBlock is outside", () => {
    const objects = [policy("a", { policyTypes: ["Egress"], egress: [to("open", 53), { to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 443 }] }] }), policy("x", { policyTypes: ["Ingress"], ingress: [from("a", 9)] })];
    assert.deepEqual(shown(objects), ["a -> ipBlock 10.0.0.0/16 TCP/443", "a -> open TCP/53"]);
  });
});

/** A file named `file` in `dir` (made once). */
function fileIn(dir: string): string {
  const file = path.join(dir, "file");
  fs.writeFileSync(file, "mine");
  return file;
}

describe("strata graph: the command", () => {
  it("writes to --out, and each format's first bytes are its own", async () => {
    const dir = tempDir("strata-graph-");
    const firstBytes = { mermaid: "flowchart LR", dot: 'digraph "strata dev"', svg: "<svg ", html: "<!doctype html>" };
    for (const [format, start] of Object.entries(firstBytes)) {
      const file = path.join(dir, `dev.${format}`);
      const r = await strata(["graph", "--stack", "dev", "--format", format, "--out", file]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(fs.readFileSync(file, "utf8").startsWith(start), format);
    }
  });

  const dir = tempDir("strata-graph-");
  const usage: [string, string[], RegExp][] = [
    ["an unknown format", ["--format", "png"], /--format must be one of mermaid, dot, svg, html, not "png"/],
    ["--out a directory", ["--out", dir], /--out .* is a directory: give a file name/],
    ["--out in a directory that does not exist", ["--out", path.join(dir, "none", "g.html")], /directory .*none does not exist/],
    ["--out under a file", ["--out", path.join(fileIn(dir), "g.html")], /^strata graph: --out .*\/file\/g\.html lies under .*\/file, which is a file, not a directory\n$/],
    ["--out two levels under a file", ["--out", path.join(fileIn(dir), "sub", "g.html")], /^strata graph: --out .*\/file\/sub\/g\.html lies under .*\/file, which is a file, not a directory\n$/],
    ["an empty --out", ["--out", ""], /^strata graph: --out is empty: give a file name\n$/],
    ["an unknown stack", ["--stack", "nosuchstack"], /Pulumi\.nosuchstack\.yaml/],
  ];
  for (const [title, args, message] of usage) {
    it(`${title}: exit ${title === "an unknown stack" ? 1 : 2} and says why`, async () => {
      const r = await strata(["graph", ...(args.includes("--stack") ? [] : ["--stack", "dev"]), ...args]);
      assert.equal(r.code, title === "an unknown stack" ? 1 : 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("an invalid stack config: exit 2 with its key paths", async () => {
    const project = tempDir("strata-project-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    fs.writeFileSync(path.join(project, "Pulumi.bad.yaml"), "config:\n  strata:profile: galactic\n");
    const r = await strata(["-C", project, "graph", "--stack", "bad"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /strata:profile/);
  });

  it(`the README's architecture picture is \`strata ${README_PICTURE.join(" ")}\`, between the ${README_MARKER} and ${README_END_MARKER} lines`, async () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    // The marker lines alone (the README may mention the marker in its text).
    const parts = readme.split(new RegExp(`^(?:${README_MARKER}|${README_END_MARKER})$`, "m"));
    assert.equal(parts.length, 3, `README.md must hold the picture between a line ${README_MARKER} and a line ${README_END_MARKER}`);
    const r = await strata(README_PICTURE);
    assert.equal(r.code, 0, r.stderr);
    const block = /```mermaid\n([\s\S]*?)```/.exec(parts[1]);
    assert.ok(block, "no ```mermaid block between the markers");
    assert.equal(block[1], `${r.stdout}`, `the README's picture is stale: replace the block with the output of \`strata ${README_PICTURE.join(" ")}\``);
  });
});
