/**
 * NVIDIA GPUs as Kubernetes schedules them: the extended resource the NVIDIA device plugin advertises on each
 * GPU node, which containers request and namespace quotas count (`requests.nvidia.com/gpu`).
 */
export const NVIDIA_GPU_RESOURCE = "nvidia.com/gpu";

/** The most GPUs one instance of the gpu pool's families carries (p3.16xlarge, p4d, p5, g5.48xlarge: 8). */
export const MAX_GPUS_PER_INSTANCE = 8;
