import type { EdgeKind, GraphNode, StackGraph } from "./model";
import { groupsOf } from "./groups";
import { edgeLabel, nodeLabel } from "./mermaid";

const SHAPES: Record<GraphNode["kind"], string> = { layer: "box", data: "cylinder", capability: "component", namespace: "ellipse", outside: "hexagon" };
export const EDGE_COLORS: Record<EdgeKind, string> = { peer: "#1f6feb", data: "#2da44e", startup: "#8c959f", flow: "#cf222e" };

/** A DOT string literal. */
const str = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** The graph in Graphviz's DOT language: one cluster per group, left to right. */
export function toDot(graph: StackGraph): string {
  const lines = [`digraph ${str(`strata ${graph.stack}`)} {`, "  rankdir=LR;", "  newrank=true;", '  node [fontname="Helvetica", fontsize=11, style=filled, fillcolor="#ffffff"];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const group of groupsOf(graph)) {
    lines.push(`  subgraph cluster_${group.id} {`, `    label=${str(group.title)};`, '    style=rounded; color="#d0d7de";');
    for (const node of group.nodes) lines.push(`    ${node.id} [label=${str(nodeLabel(node, "\n"))}, shape=${SHAPES[node.kind]}];`);
    lines.push("  }");
  }
  for (const edge of graph.edges) {
    const style = edge.kind === "startup" ? ", style=dashed" : edge.kind === "flow" ? ", penwidth=1.5" : "";
    lines.push(`  ${edge.from} -> ${edge.to} [label=${str(edgeLabel(edge.kind, edge.label))}, color=${str(EDGE_COLORS[edge.kind])}${style}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
