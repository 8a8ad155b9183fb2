import type { ApplicationLayerSpec, PortSpec } from "../config/layers/spec";
import { labelKeys, layerLabels } from "../platform/labels";

/** Names of one application layer's objects; the layer name is the namespace and the workload name. */
export function applicationLayerNames(layer: Pick<ApplicationLayerSpec, "name">) {
  return {
    namespace: layer.name,
    workload: layer.name,
    serviceAccount: layer.name,
    service: layer.name,
    container: "app",
    quota: "layer-quota",
    limitRange: "layer-limits",
  };
}

/** In-cluster DNS name of a layer's Service. */
export function serviceHost(layer: Pick<ApplicationLayerSpec, "name">): string {
  const names = applicationLayerNames(layer);
  return `${names.service}.${names.namespace}.svc.cluster.local`;
}

/** Ports other layers call: all but a dedicated metrics port (one that is not the first, main port). */
export function servingPorts(layer: Pick<ApplicationLayerSpec, "ports" | "metrics">): PortSpec[] {
  const [main, ...rest] = layer.ports;
  return [main, ...rest.filter((p) => p.name !== layer.metrics.port)];
}

export function metricsPort(layer: Pick<ApplicationLayerSpec, "ports" | "metrics">): PortSpec {
  const port = layer.ports.find((p) => p.name === layer.metrics.port);
  if (!port) throw new Error(`metrics port "${layer.metrics.port}" is not a port of the layer`);
  return port;
}

/** Labels of every object of the layer; a tenant's copy also names its tenant. */
export function applicationLayerLabels(layer: Pick<ApplicationLayerSpec, "name" | "tenant">): Record<string, string> {
  return { ...layerLabels(layer.name), ...(layer.tenant ? { [labelKeys.tenant]: layer.tenant } : {}) };
}

/** Metadata of a namespaced object of the layer: its name, the layer's namespace and labels. */
export function layerObjectMeta(layer: Pick<ApplicationLayerSpec, "name" | "tenant">, name: string) {
  return { name, namespace: applicationLayerNames(layer).namespace, labels: applicationLayerLabels(layer) };
}
