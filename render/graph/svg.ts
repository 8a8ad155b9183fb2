import type { GraphNode, StackGraph } from "./model";
import { EDGE_COLORS } from "./dot";
import { groupsOf } from "./groups";
import { edgeLabel } from "./mermaid";

/**
 * The graph as a standalone SVG, laid out here (no Graphviz, no browser): a column per group (platform,
 * each startup wave, data services, the rest), nodes stacked in each, edges as curves from the right side
 * of one node to the left side of the other. Every node is a `<g data-node>` (layers also `data-layer`),
 * every edge a `<path data-from data-to>` with a `<title>`, so that the HTML page can highlight them.
 */

const NODE_W = 190;
const NODE_H = 42;
const ROW_GAP = 14;
const COLUMN_GAP = 90;
const MARGIN = 24;
const TITLE_H = 28;

const FILLS: Record<GraphNode["kind"], string> = { layer: "#ddf4ff", data: "#dafbe1", capability: "#f6f8fa", namespace: "#fff8c5", outside: "#ffebe9" };

export const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Placed {
  x: number;
  y: number;
}

export function toSvg(graph: StackGraph): string {
  const groups = groupsOf(graph);
  const at = new Map<string, Placed>();
  const parts: string[] = [];
  groups.forEach((group, column) => {
    const x = MARGIN + column * (NODE_W + COLUMN_GAP);
    parts.push(`<text class="group-title" x="${x}" y="${MARGIN + 14}" font-weight="bold">${escapeXml(group.title)}</text>`);
    group.nodes.forEach((node, row) => at.set(node.id, { x, y: MARGIN + TITLE_H + row * (NODE_H + ROW_GAP) }));
  });
  const width = MARGIN * 2 + groups.length * NODE_W + Math.max(0, groups.length - 1) * COLUMN_GAP;
  const height = MARGIN * 2 + TITLE_H + Math.max(1, ...groups.map((g) => g.nodes.length)) * (NODE_H + ROW_GAP);

  const markers = Object.entries(EDGE_COLORS).map(
    ([kind, color]) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
  );
  // Flows first: the declared edges are drawn over them.
  const ordered = [...graph.edges.filter((e) => e.kind === "flow"), ...graph.edges.filter((e) => e.kind !== "flow")];
  const edges = ordered.map((edge) => {
    const a = at.get(edge.from)!;
    const b = at.get(edge.to)!;
    let d: string;
    if (a.x === b.x) {
      // Within one column: out of the right side and back in, bulging into the gap.
      const [x, y1, y2] = [a.x + NODE_W, a.y + NODE_H / 2, b.y + NODE_H / 2];
      d = `M${x},${y1} C${x + COLUMN_GAP * 0.7},${y1} ${x + COLUMN_GAP * 0.7},${y2} ${x},${y2}`;
    } else {
      const forward = b.x > a.x;
      const [x1, y1] = [forward ? a.x + NODE_W : a.x, a.y + NODE_H / 2];
      const [x2, y2] = [forward ? b.x : b.x + NODE_W, b.y + NODE_H / 2];
      const bend = (x2 - x1) / 2;
      d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    }
    const dash = edge.kind === "startup" ? ' stroke-dasharray="5 4"' : "";
    const title = `${edge.from} → ${edge.to}: ${edgeLabel(edge.kind, edge.label)}`;
    return `<path class="edge ${edge.kind}" data-from="${edge.from}" data-to="${edge.to}" d="${d}" fill="none" stroke="${EDGE_COLORS[edge.kind]}" stroke-width="${edge.kind === "flow" ? 1.5 : 1.2}"${dash} marker-end="url(#arrow-${edge.kind})"><title>${escapeXml(title)}</title></path>`;
  });
  const nodes = graph.nodes.map((node) => {
    const p = at.get(node.id)!;
    const layer = node.kind === "layer" ? ` data-layer="${escapeXml(node.name)}"` : "";
    const second = node.capacityClass ? `<text x="${p.x + 10}" y="${p.y + 34}" font-size="11" fill="#57606a">${escapeXml(`${node.capacityClass} · wave ${node.wave ?? 0}`)}</text>` : "";
    const nameY = node.capacityClass ? p.y + 18 : p.y + 25;
    return `<g class="node ${node.kind}" data-node="${node.id}"${layer}><rect x="${p.x}" y="${p.y}" width="${NODE_W}" height="${NODE_H}" rx="6" fill="${FILLS[node.kind]}" stroke="#57606a"/><text x="${p.x + 10}" y="${nameY}" font-size="13">${escapeXml(node.name)}</text>${second}</g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="${escapeXml(`Strata stack ${graph.stack}`)}">`,
    `<defs>${markers.join("")}</defs>`,
    ...parts,
    ...edges,
    ...nodes,
    "</svg>",
    "",
  ].join("\n");
}
