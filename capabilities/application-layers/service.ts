import type { IService } from "kubernetes-models/v1/Service";
import type { Named } from "../../manifests/kubernetes-object";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { layerSelector } from "../../platform/labels";
import { applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

/** A ClusterIP Service over every port of the layer (callers and scrapers reach the pods through it). */
export function service(layer: ApplicationLayerSpec): Named<IService> {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: layerObjectMeta(layer, names.service),
    spec: {
      type: "ClusterIP",
      selector: layerSelector(layer.name),
      ports: layer.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol })),
    },
  };
}
