import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { Named } from "../../manifests/kubernetes-object";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { layerSelector } from "../../platform/labels";
import { applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

export function podDisruptionBudget(layer: ApplicationLayerSpec): Named<IPodDisruptionBudget> {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: layerObjectMeta(layer, names.workload),
    spec: {
      selector: { matchLabels: layerSelector(layer.name) },
      ...layer.pdb,
      // Pods that never became ready must not block a node drain.
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}
