import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { Named } from "../kubernetes-object";
import type { ApplicationLayerSpec } from "../../config/spec";
import { applicationLayerNames, layerObjectMeta } from "./names";

function utilization(name: "cpu" | "memory", averageUtilization: number): IMetricSpec {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

/** The layer's HorizontalPodAutoscaler, or nothing when the layer runs a fixed number of replicas. */
export function horizontalPodAutoscaler(layer: ApplicationLayerSpec): Named<IHorizontalPodAutoscaler>[] {
  const scaling = layer.autoscaling;
  if (!scaling) return [];
  const names = applicationLayerNames(layer);
  const metrics: IMetricSpec[] = [];
  if (scaling.targetCPUUtilization !== undefined) metrics.push(utilization("cpu", scaling.targetCPUUtilization));
  if (scaling.targetMemoryUtilization !== undefined) metrics.push(utilization("memory", scaling.targetMemoryUtilization));
  return [
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: layerObjectMeta(layer, names.workload),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: names.workload },
        minReplicas: scaling.minReplicas,
        maxReplicas: scaling.maxReplicas,
        metrics,
        ...(scaling.behavior ? { behavior: scaling.behavior } : {}),
      },
    },
  ];
}
