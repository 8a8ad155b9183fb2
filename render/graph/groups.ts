import type { GraphNode, StackGraph } from "./model";

/** A column of the picture: the platform's capabilities, each startup wave's layers, the data services, the rest. */
export interface NodeGroup {
  id: string;
  title: string;
  nodes: GraphNode[];
}

/** The graph's nodes in the picture's groups, left to right; empty groups left out. */
export function groupsOf(graph: StackGraph): NodeGroup[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groups: NodeGroup[] = [
    { id: "platform", title: "platform capabilities", nodes: graph.nodes.filter((n) => n.kind === "capability") },
    ...graph.waves.map((ids, i) => ({ id: `wave_${i}`, title: `startup wave ${byId.get(ids[0])?.wave ?? i}`, nodes: ids.map((id) => byId.get(id)!) })),
    { id: "data_services", title: "data services", nodes: graph.nodes.filter((n) => n.kind === "data") },
    { id: "elsewhere", title: "elsewhere", nodes: graph.nodes.filter((n) => n.kind === "namespace" || n.kind === "outside") },
  ];
  return groups.filter((g) => g.nodes.length > 0);
}
