import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IMetricSpec } from "kubernetes-models/autoscaling/v2/MetricSpec";
import type { Named } from "../../manifests/kubernetes-object";
import type { ApplicationLayerSpec, AutoscalingMetricSpec } from "../../config/layers/spec";
import { applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

function utilization(name: "cpu" | "memory", averageUtilization: number): IMetricSpec {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

/** A Pods or External metric as autoscaling/v2 writes it; the metrics adapter serves it under its name. */
function declaredMetric(metric: AutoscalingMetricSpec): IMetricSpec {
  if (metric.type === "Pods") {
    return { type: "Pods", pods: { metric: { name: metric.name }, target: { type: "AverageValue", averageValue: metric.averageValue } } };
  }
  const target = metric.value !== undefined ? { type: "Value", value: metric.value } : { type: "AverageValue", averageValue: metric.averageValue };
  const selector = metric.selector ? { selector: { matchLabels: metric.selector } } : {};
  return { type: "External", external: { metric: { name: metric.name, ...selector }, target } };
}

/** The layer's HorizontalPodAutoscaler, or nothing when the layer runs a fixed number of replicas. */
export function horizontalPodAutoscaler(layer: ApplicationLayerSpec): Named<IHorizontalPodAutoscaler>[] {
  const scaling = layer.autoscaling;
  if (!scaling) return [];
  const names = applicationLayerNames(layer);
  const metrics: IMetricSpec[] = [];
  if (scaling.targetCPUUtilization !== undefined) metrics.push(utilization("cpu", scaling.targetCPUUtilization));
  if (scaling.targetMemoryUtilization !== undefined) metrics.push(utilization("memory", scaling.targetMemoryUtilization));
  metrics.push(...scaling.metrics.map(declaredMetric));
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
