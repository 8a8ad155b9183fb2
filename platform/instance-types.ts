/**
 * The EC2 instance families Strata's node groups may use, with what a node group needs to know about them:
 * the CPU architecture (which picks the node image) and whether the family carries NVIDIA GPUs (only the
 * `gpu` pool may use those, and it may use nothing else). A type outside this list is rejected: a typo in
 * an instance type would otherwise surface only as a failed node group, minutes into `pulumi up`.
 *
 * To allow another family, add it here (README "Node groups" lists them).
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
  // NVIDIA GPU: the x86_64 families the EKS AL2023 NVIDIA AMI supports (EKS user guide, "Use EKS-optimized
  // accelerated AMIs for GPU instances"). Its ARM variant's (g5g, p6e-gb200, p6e-gb300) are not offered: the
  // node image is picked from the architecture, and the ARM NVIDIA image is not among Strata's.
  ...nvidia("g4dn", "g5", "g6", "g6e", "g6f", "gr6", "gr6f", "g7e", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6-b300"),
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
  return undefined;
}
