import type { CoreSpec } from "../../config/capability-config";
import { hasPool, type ClusterSpec } from "../cluster";
import { layerLabels } from "../../platform/labels";
import { nvidiaDevicePluginPin } from "./pins";
import { podPlacement } from "../../platform/placement";
import { exemptNamespace } from "../../manifests/namespace-exemption";
import { defaultDeny } from "../../manifests/network-policy";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";

/**
 * The NVIDIA device plugin: a DaemonSet on the GPU nodes that tells the kubelet how many GPUs each has
 * (`nvidia.com/gpu`), without which no pod asking for a GPU is ever scheduled. The EKS AL2023 NVIDIA AMI
 * carries the driver and container toolkit, not the plugin.
 */

/** The layer's name in the desired state (its directory in a render): its namespace's, which no application layer may take. */
export const DEVICE_PLUGIN_NAMESPACE = "nvidia-device-plugin";
export const DEVICE_PLUGIN_LAYER = DEVICE_PLUGIN_NAMESPACE;
export const DEVICE_PLUGIN_RELEASE = "nvidia-device-plugin";

/** Why the plugin's namespace leaves the restricted profile: on its namespace, and as the pack's exemption. */
export const DEVICE_PLUGIN_EXEMPTION =
  "The NVIDIA device plugin advertises each GPU node's GPUs to the kubelet through its device-plugin socket directory (hostPath /var/lib/kubelet/device-plugins, as root) and shares the host's CDI and MPS directories (/var/run/cdi, /run/nvidia/mps) with the container runtime: without it no pod can be given a GPU. It runs only on the gpu pool, and only in stacks with GPU nodes.";

export const devicePluginLabels = layerLabels(DEVICE_PLUGIN_LAYER);

/**
 * Whether the stack runs the plugin: it has GPU nodes. On EKS, those of its gpu pool (a node group, or Karpenter's); on an existing
 * cluster, Strata knows of GPU nodes only through the layers placed on them.
 */
export function needsDevicePlugin(spec: Pick<CoreSpec, "layers"> & { cluster: ClusterSpec }): boolean {
  return spec.cluster.mode === "eks" ? hasPool(spec.cluster, "gpu") : spec.layers.some((l) => l.capacityClass === "gpu");
}

export interface DevicePluginPlan {
  /** Its namespace (privileged, with the reason on it) and network rules: it needs no network at all. */
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
}

/**
 * The plugin's release (value keys: the chart's values.yaml, NVIDIA/k8s-device-plugin
 * deployments/helm/nvidia-device-plugin): on the gpu pool's nodes only, tolerating its taint and nothing else.
 */
export function devicePluginChart(): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("gpu");
  return {
    ...nvidiaDevicePluginPin,
    releaseName: DEVICE_PLUGIN_RELEASE,
    namespace: DEVICE_PLUGIN_NAMESPACE,
    includeCRDs: true,
    values: {
      nodeSelector,
      // The chart's default affinity asks for labels of Node Feature Discovery, which Strata does not run:
      // its node terms (a list, so replaced whole) become the pool's label.
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: Object.entries(nodeSelector).map(([key, value]) => ({ key, operator: "In", values: [value] })) }],
          },
        },
      },
      tolerations,
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      // No GPU feature discovery: it would bring Node Feature Discovery's privileged workers along.
      gfd: { enabled: false },
    },
  };
}

export function devicePluginDesiredState(): DevicePluginPlan {
  const ns = DEVICE_PLUGIN_NAMESPACE;
  const labels = devicePluginLabels;
  const prerequisites = [exemptNamespace(ns, labels, DEVICE_PLUGIN_EXEMPTION), defaultDeny(ns, labels)] as KubernetesObject[];
  return { prerequisites: structuredClone(prerequisites), chart: devicePluginChart() };
}
