import type { Capability } from "../../capabilities/capability";
import { CAPABILITIES } from "../../capabilities/registry";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { LayerDesiredState } from "../../manifests/layer-desired-state";
import { isDataServiceName } from "../../platform/data-services";
import type { PlatformSpec } from "../../stack/spec";
import { enforcedFlows } from "./enforced-flows";

/**
 * A stack as a graph: what `strata graph` draws in every format. Built from the resolved config (layers,
 * peers, data services, startup order, capacity classes) and, for the enforced flows, from the NetworkPolicies
 * of the desired state alone.
 */

export type NodeKind = "layer" | "data" | "capability" | "namespace" | "outside";

export interface GraphNode {
  /** Unique, [a-z0-9_] only: safe as a Mermaid and a DOT identifier. */
  id: string;
  kind: NodeKind;
  /** The layer's, service's, capability's or namespace's name. */
  name: string;
  /** Layers: their startup wave (0: depend on nothing). */
  wave?: number;
  /** Layers: their capacity class (on-demand, spot, gpu, …). */
  capacityClass?: string;
}

/** peer: a layer calls another (`peers`); data: a layer uses a data service; startup: it starts after (`dependsOn`); flow: NetworkPolicies allow it. */
export type EdgeKind = "peer" | "data" | "startup" | "flow";

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Flows: the allowed ports, e.g. "TCP/8080". */
  label?: string;
}

export interface StackGraph {
  stack: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The startup waves in order, each with its layers' node ids. */
  waves: string[][];
}

const safeId = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "_");
export const nodeId = (kind: NodeKind, name: string) => `${kind}_${safeId(name)}`;

export interface GraphInput {
  stack: string;
  spec: PlatformSpec;
  /** The desired state; its NetworkPolicies give the flows, its Namespaces say who owns each namespace. */
  desiredState: LayerDesiredState[];
  /** Draw the flows the NetworkPolicies allow. */
  flows: boolean;
  capabilities?: readonly Capability[];
}

export function stackGraph(input: GraphInput): StackGraph {
  const { spec } = input;
  const specs = spec as unknown as Record<string, unknown>;
  const layers: ApplicationLayerSpec[] = spec.layers;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];

  const deployed = (input.capabilities ?? CAPABILITIES).filter((c) => specs[c.name] !== undefined && c.name !== "application-layers");
  for (const c of deployed) nodes.push({ id: nodeId(isDataServiceName(c.name) ? "data" : "capability", c.name), kind: isDataServiceName(c.name) ? "data" : "capability", name: c.name });

  const waveOf = new Map(input.desiredState.map((l) => [l.name, l.startupWave ?? 0]));
  for (const layer of layers) {
    nodes.push({ id: nodeId("layer", layer.name), kind: "layer", name: layer.name, wave: waveOf.get(layer.name) ?? 0, capacityClass: layer.capacityClass });
  }
  const maxWave = Math.max(0, ...layers.map((l) => waveOf.get(l.name) ?? 0));
  const waves = Array.from({ length: maxWave + 1 }, (_, w) => layers.filter((l) => (waveOf.get(l.name) ?? 0) === w).map((l) => nodeId("layer", l.name))).filter((w) => w.length > 0);

  for (const layer of layers) {
    const from = nodeId("layer", layer.name);
    for (const peer of layer.peers) edges.push({ from, to: nodeId("layer", peer), kind: "peer" });
    for (const service of Object.keys(layer.dataServices)) if (layer.dataServices[service as keyof typeof layer.dataServices] !== undefined) edges.push({ from, to: nodeId("data", service), kind: "data" });
    for (const after of layer.dependsOn.layers) edges.push({ from, to: nodeId("layer", after), kind: "startup" });
    for (const after of layer.dependsOn.dataServices) edges.push({ from, to: nodeId("data", after), kind: "startup" });
  }

  if (input.flows) {
    const known = new Set(nodes.map((n) => n.id));
    const layerNames = new Set(layers.map((l) => l.name));
    // A namespace belongs to the layer (or capability) whose desired state creates it.
    const owner = new Map<string, string>();
    for (const layer of input.desiredState) {
      const kind: NodeKind = layerNames.has(layer.name) ? "layer" : isDataServiceName(layer.name) ? "data" : "capability";
      for (const o of layer.objects) if (o.kind === "Namespace") owner.set(o.metadata.name, nodeId(kind, layer.name));
    }
    const nodeOf = (side: { namespace?: string; outside?: string }) => {
      if (side.outside !== undefined) {
        const id = nodeId("outside", side.outside);
        if (!known.has(id)) nodes.push({ id, kind: "outside", name: side.outside }), known.add(id);
        return id;
      }
      const id = owner.get(side.namespace!) ?? nodeId("namespace", side.namespace!);
      if (!known.has(id)) nodes.push({ id, kind: "namespace", name: side.namespace! }), known.add(id);
      return id;
    };
    // One edge per pair of nodes: a capability with several namespaces (the mesh's) gathers their ports.
    const ports = new Map<string, Set<string>>();
    for (const flow of enforcedFlows(input.desiredState.flatMap((l) => l.objects))) {
      const from = nodeOf(flow.from);
      const to = nodeOf(flow.to);
      if (from === to) continue;
      const key = `${from} ${to}`;
      ports.set(key, new Set([...(ports.get(key) ?? []), ...flow.ports]));
    }
    for (const [key, set] of ports) {
      const [from, to] = key.split(" ");
      edges.push({ from, to, kind: "flow", label: [...set].sort().join(" ") });
    }
  }
  return { stack: input.stack, nodes, edges, waves };
}
