import type { StackGraph } from "./model";
import { escapeXml, toSvg } from "./svg";

/** A small script: clicking a node highlights its edges; clicking it again (or the background) clears. */
const SCRIPT = `
document.querySelectorAll("g.node").forEach(function (node) {
  node.addEventListener("click", function (event) {
    event.stopPropagation();
    var id = node.getAttribute("data-node");
    var on = !node.classList.contains("selected");
    document.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); });
    document.body.classList.toggle("focused", on);
    if (!on) return;
    node.classList.add("selected");
    document.querySelectorAll('path.edge[data-from="' + id + '"], path.edge[data-to="' + id + '"]').forEach(function (e) { e.classList.add("selected"); });
  });
});
document.body.addEventListener("click", function () {
  document.body.classList.remove("focused");
  document.querySelectorAll(".selected").forEach(function (e) { e.classList.remove("selected"); });
});
`;

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #1f2328; }
.picture { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; }
g.node { cursor: pointer; }
body.focused path.edge:not(.selected) { opacity: 0.1; }
g.node.selected rect { stroke-width: 3; }
table { border-collapse: collapse; margin-top: 16px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; font-size: 13px; }
.legend span { margin-right: 16px; font-size: 13px; }
`;

/** The graph as one self-contained HTML page (inline SVG, style and script; nothing fetched): the picture and a table of the layers. */
export function toHtml(graph: StackGraph): string {
  const layers = graph.nodes.filter((n) => n.kind === "layer");
  const related = (id: string, kind: string) =>
    graph.edges
      .filter((e) => e.from === id && e.kind === kind)
      .map((e) => graph.nodes.find((n) => n.id === e.to)?.name ?? e.to)
      .join(", ");
  const rows = layers.map(
    (l) =>
      `<tr data-layer="${escapeXml(l.name)}"><td>${escapeXml(l.name)}</td><td>${l.wave ?? 0}</td><td>${escapeXml(l.capacityClass ?? "")}</td><td>${escapeXml(related(l.id, "peer"))}</td><td>${escapeXml(related(l.id, "data"))}</td><td>${escapeXml(related(l.id, "startup"))}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(`Strata stack ${graph.stack}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(`Strata stack ${graph.stack}`)}</h1>
<p class="legend"><span style="color:#1f6feb">→ calls (peers)</span><span style="color:#2da44e">→ uses (data services)</span><span style="color:#8c959f">⇢ starts after (dependsOn)</span><span style="color:#cf222e">→ allowed by NetworkPolicies</span></p>
<p>Click a node to highlight its edges.</p>
<div class="picture">
${toSvg(graph)}</div>
<table>
<thead><tr><th>layer</th><th>startup wave</th><th>capacity class</th><th>calls</th><th>uses</th><th>starts after</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
