import type { EdgeKind, GraphNode, StackGraph } from "./model";
import { groupsOf } from "./groups";

/** Mermaid node shapes: layers boxes, data services cylinders, capabilities subroutines, the rest stadiums and hexagons. */
const SHAPES: Record<GraphNode["kind"], [string, string]> = {
  layer: ["[", "]"],
  data: ["[(", ")]"],
  capability: ["[[", "]]"],
  namespace: ["([", "])"],
  outside: ["{{", "}}"],
};

const ARROWS: Record<EdgeKind, string> = { peer: "-->", data: "-->", startup: "-.->", flow: "==>" };

/** Text inside a quoted Mermaid label: no double quotes (Mermaid has no escape for them but its entity). */
const quoted = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

export function nodeLabel(node: GraphNode, lineBreak: string): string {
  return node.capacityClass ? `${node.name}${lineBreak}${node.capacityClass}` : node.name;
}

export function edgeLabel(kind: EdgeKind, label?: string): string {
  return kind === "flow" ? (label ?? "") : kind === "startup" ? "starts after" : kind === "data" ? "uses" : "calls";
}

/** The graph as a Mermaid flowchart: one subgraph per group (platform, each startup wave, data services, other namespaces). */
export function toMermaid(graph: StackGraph): string {
  const lines = ["flowchart LR"];
  for (const group of groupsOf(graph)) {
    lines.push(`  subgraph ${group.id}[${quoted(group.title)}]`);
    for (const node of group.nodes) {
      const [open, close] = SHAPES[node.kind];
      lines.push(`    ${node.id}${open}${quoted(nodeLabel(node, "<br/>"))}${close}`);
    }
    lines.push("  end");
  }
  for (const edge of graph.edges) lines.push(`  ${edge.from} ${ARROWS[edge.kind]}|${quoted(edgeLabel(edge.kind, edge.label))}| ${edge.to}`);
  return `${lines.join("\n")}\n`;
}
