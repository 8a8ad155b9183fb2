import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { MeshSpec } from "./spec";

/** The application layers the gateway routes to, in route order: the edge layer, or each tenant's copy of it. */
export function edgeLayers(mesh: MeshSpec, layers: ApplicationLayerSpec[]): ApplicationLayerSpec[] {
  return mesh.gateway.routes.map((route) => {
    const edge = layers.find((l) => l.name === route.layer);
    if (!edge) throw new Error(`the gateway's edge layer "${route.layer}" is not a layer`);
    return edge;
  });
}
