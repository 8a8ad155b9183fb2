import { defineCapability } from "../capability";
import { cluster } from "../cluster";
import { DEVICE_PLUGIN_EXEMPTION, DEVICE_PLUGIN_LAYER, DEVICE_PLUGIN_NAMESPACE, devicePluginDesiredState, needsDevicePlugin } from "./desired-state";
import { nvidiaDevicePluginPin } from "./pins";

export type { NvidiaDevicePlugin, NvidiaDevicePluginArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const nvidiaDevicePluginComponents = (): typeof import("./component") => require("./component");
export { DEVICE_PLUGIN_EXEMPTION, DEVICE_PLUGIN_NAMESPACE, DEVICE_PLUGIN_RELEASE, devicePluginChart, devicePluginDesiredState, needsDevicePlugin } from "./desired-state";
export { nvidiaDevicePluginPin } from "./pins";


/**
 * The NVIDIA device plugin, in a stack with GPU nodes: a DaemonSet on the gpu pool that advertises each
 * node's GPUs (`nvidia.com/gpu`), without which no pod asking for a GPU is ever scheduled.
 */
export const nvidiaDevicePlugin = defineCapability({
  name: "nvidia-device-plugin",
  summary: "the NVIDIA device plugin on the gpu pool, in stacks with GPU nodes: pods can be given GPUs",
  needs: ["cluster"],
  namespaces: [{ name: DEVICE_PLUGIN_NAMESPACE, exemptions: [{ rule: "namespace-restricted-pod-security", kind: "Namespace", reason: DEVICE_PLUGIN_EXEMPTION }] }],
  charts: [nvidiaDevicePluginPin],
  images: [],
  crdGroups: [],
  resolve: ({ core, resolved }) => (needsDevicePlugin({ layers: core.spec.layers, cluster: resolved.of(cluster)! }) ? {} : undefined),
  desiredState() {
    const plan = devicePluginDesiredState();
    return [{ name: DEVICE_PLUGIN_LAYER, helmCharts: [plan.chart], objects: plan.prerequisites }];
  },
  deploy: (_spec, context) => new (nvidiaDevicePluginComponents().NvidiaDevicePlugin)("nvidia-device-plugin", { provider: context.handle(cluster)!.kubernetesProvider }, { parent: context.parent }),
  // Pods that ask for GPUs are scheduled once the plugin advertises them.
  layerPodsWaitFor: (handle, layer) => (layer.gpus ? [handle.release] : []),
});
