import type { ChartPin } from "../../platform/pins";

/**
 * The NVIDIA device plugin 0.20.0: advertises the GPU nodes' GPUs as `nvidia.com/gpu`, which the EKS NVIDIA
 * AMI leaves to the cluster. Its image is the chart's appVersion (nvcr.io/nvidia/k8s-device-plugin:v0.20.0).
 */
export const nvidiaDevicePluginPin = { repo: "https://nvidia.github.io/k8s-device-plugin", name: "nvidia-device-plugin", version: "0.20.0" } as const satisfies ChartPin;
