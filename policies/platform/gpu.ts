/**
 * NVIDIA GPUs as Kubernetes schedules them: the extended resource the NVIDIA device plugin advertises on each
 * GPU node, which containers request and namespace quotas count (`requests.nvidia.com/gpu`).
 */
export const NVIDIA_GPU_RESOURCE = "nvidia.com/gpu";
