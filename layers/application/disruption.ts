import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { ApplicationLayerSpec } from "../../config/spec";
import { layerLabels, layerSelector } from "../../platform/labels";
import { applicationLayerNames } from "./names";

export function podDisruptionBudget(layer: ApplicationLayerSpec): IPodDisruptionBudget & { metadata: { name: string } } {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: names.workload, namespace: names.namespace, labels: layerLabels(layer.name) },
    spec: {
      selector: { matchLabels: layerSelector(layer.name) },
      ...layer.pdb,
      // Pods that never became ready must not block a node drain.
      unhealthyPodEvictionPolicy: "AlwaysAllow",
    },
  };
}
