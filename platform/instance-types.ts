/**
 * The EC2 instance families Strata's node groups may use, with what a node group needs to know about them:
 * the CPU architecture (which picks the node image) and whether the family carries NVIDIA GPUs (only the
 * `gpu` pool may use those, and it may use nothing else). A type outside this list is rejected: a typo in
 * an instance type would otherwise surface only as a failed node group, minutes into `pulumi up`.
 *
 * To allow another family, add it here (docs/cluster.md "Node groups" lists them).
 */
export type CpuArchitecture = "x86_64" | "arm64";

export interface InstanceFamily {
  architecture: CpuArchitecture;
  /** NVIDIA GPUs: the node image must carry the driver (AL2023 NVIDIA). */
  gpu: boolean;
}

const x86 = (...families: string[]) => families.map((f) => [f, { architecture: "x86_64", gpu: false }] as const);
const arm = (...families: string[]) => families.map((f) => [f, { architecture: "arm64", gpu: false }] as const);
const nvidia = (...families: string[]) => families.map((f) => [f, { architecture: "x86_64", gpu: true }] as const);

/**
 * The NVIDIA GPU families, and the GPUs (`nvidia.com/gpu` devices) one instance of each size carries: the
 * x86_64 families the EKS AL2023 NVIDIA AMI supports (EKS user guide, "Use EKS-optimized accelerated AMIs for
 * GPU instances"), counts from the EC2 instance type pages. The ARM variants (g5g, p6e-gb200, p6e-gb300) are
 * not offered: the node image is picked from the architecture, and the ARM NVIDIA image is not among
 * Strata's. g6f and gr6f carry a fraction of an L4, which the node sees as one GPU device.
 */
export const nvidiaGpusBySize: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  g4dn: { xlarge: 1, "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "16xlarge": 1, "12xlarge": 4, metal: 8 },
  g5: { xlarge: 1, "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "16xlarge": 1, "12xlarge": 4, "24xlarge": 4, "48xlarge": 8 },
  g6: { xlarge: 1, "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "16xlarge": 1, "12xlarge": 4, "24xlarge": 4, "48xlarge": 8 },
  g6e: { xlarge: 1, "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "16xlarge": 1, "12xlarge": 4, "24xlarge": 4, "48xlarge": 8 },
  g6f: { large: 1, xlarge: 1, "2xlarge": 1, "4xlarge": 1 },
  gr6: { "4xlarge": 1, "8xlarge": 1 },
  gr6f: { "4xlarge": 1 },
  g7e: { "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "12xlarge": 2, "24xlarge": 4, "48xlarge": 8 },
  p3: { "2xlarge": 1, "8xlarge": 4, "16xlarge": 8 },
  p3dn: { "24xlarge": 8 },
  p4d: { "24xlarge": 8 },
  p4de: { "24xlarge": 8 },
  p5: { "4xlarge": 1, "48xlarge": 8 },
  p5e: { "48xlarge": 8 },
  p5en: { "48xlarge": 8 },
  "p6-b200": { "48xlarge": 8 },
  "p6-b300": { "48xlarge": 8 },
};

/** The most GPUs any offered instance carries: the bound on a pod's `resources.gpus`. */
export const MAX_GPUS_PER_INSTANCE = Math.max(...Object.values(nvidiaGpusBySize).flatMap((sizes) => Object.values(sizes)));

export const instanceFamilies: Readonly<Record<string, InstanceFamily>> = Object.fromEntries([
  // General purpose and burstable.
  ...x86("t3", "t3a", "m5", "m5a", "m5d", "m5n", "m6a", "m6i", "m6id", "m6in", "m7a", "m7i", "m7i-flex", "m8a", "m8i"),
  ...arm("t4g", "m6g", "m6gd", "m7g", "m7gd", "m8g", "m8gd"),
  // Compute optimized.
  ...x86("c5", "c5a", "c5d", "c5n", "c6a", "c6i", "c6id", "c6in", "c7a", "c7i", "c7i-flex", "c8a", "c8i"),
  ...arm("c6g", "c6gd", "c6gn", "c7g", "c7gd", "c7gn", "c8g", "c8gd"),
  // Memory optimized.
  ...x86("r5", "r5a", "r5b", "r5d", "r5n", "r6a", "r6i", "r6id", "r6in", "r7a", "r7i", "r7iz", "r8a", "r8i", "x2idn", "x2iedn", "z1d"),
  ...arm("r6g", "r6gd", "r7g", "r7gd", "r8g", "r8gd", "x2gd", "x8g"),
  // Storage optimized.
  ...x86("i3", "i3en", "i4i", "i7i", "i7ie"),
  ...arm("i4g", "i8g", "im4gn", "is4gen"),
  ...nvidia(...Object.keys(nvidiaGpusBySize)),
]);

const SIZE = /^(nano|micro|small|medium|large|xlarge|[1-9][0-9]*xlarge|metal(-[1-9][0-9]*xl)?)$/;
const TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;

export interface InstanceType {
  family: string;
  size: string;
}

export function parseInstanceType(type: string): InstanceType | undefined {
  const match = TYPE.exec(type);
  if (!match || !SIZE.test(match[2])) return undefined;
  return { family: match[1], size: match[2] };
}

/** The family of a known instance type, or undefined. */
export function familyOf(type: string): InstanceFamily | undefined {
  const parsed = parseInstanceType(type);
  return parsed ? instanceFamilies[parsed.family] : undefined;
}

/** Why an instance type is not acceptable, or undefined when it is well-formed and of a known family. */
export function instanceTypeProblem(type: string): string | undefined {
  const parsed = parseInstanceType(type);
  if (!parsed) return `"${type}" is not an EC2 instance type such as "m6i.large"`;
  if (!instanceFamilies[parsed.family]) {
    return `"${type}": unknown instance family "${parsed.family}" (known families: ${Object.keys(instanceFamilies).sort().join(", ")})`;
  }
  const gpuSizes = nvidiaGpusBySize[parsed.family];
  if (gpuSizes && gpuSizes[parsed.size] === undefined) {
    return `"${type}": ${parsed.family} comes in sizes ${Object.keys(gpuSizes).join(", ")}`;
  }
  return undefined;
}

/** The GPUs one instance of a known GPU type carries; undefined for other types. */
export function gpusPerInstance(type: string): number | undefined {
  const parsed = parseInstanceType(type);
  return parsed ? nvidiaGpusBySize[parsed.family]?.[parsed.size] : undefined;
}
