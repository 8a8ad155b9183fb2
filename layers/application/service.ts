import type { IService } from "kubernetes-models/v1/Service";
import type { ApplicationLayerSpec } from "../../config/spec";
import { layerLabels, layerSelector } from "../../platform/labels";
import { applicationLayerNames } from "./names";

/** A ClusterIP Service over every port of the layer (callers and scrapers reach the pods through it). */
export function service(layer: ApplicationLayerSpec): IService & { metadata: { name: string } } {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: names.service, namespace: names.namespace, labels: layerLabels(layer.name) },
    spec: {
      type: "ClusterIP",
      selector: layerSelector(layer.name),
      ports: layer.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol })),
    },
  };
}
