import type { StackGraph } from "./model";
import { toDot } from "./dot";
import { toHtml } from "./html";
import { toMermaid } from "./mermaid";
import { toSvg } from "./svg";

export { stackGraph, type StackGraph, type GraphNode, type GraphEdge, type GraphInput } from "./model";
export { enforcedFlows, type EnforcedFlow } from "./enforced-flows";

/** The formats `strata graph` writes, each a function of the graph alone. */
export const graphFormats = { mermaid: toMermaid, dot: toDot, svg: toSvg, html: toHtml } as const satisfies Record<string, (graph: StackGraph) => string>;
export type GraphFormat = keyof typeof graphFormats;

export function isGraphFormat(text: string): text is GraphFormat {
  return Object.prototype.hasOwnProperty.call(graphFormats, text);
}
