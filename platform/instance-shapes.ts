import { gpusPerInstance, instanceFamilies, nvidiaGpusBySize, parseInstanceType } from "./instance-types";

/**
 * What an EC2 instance type holds (vCPUs, memory, GPUs) and which types a set of Karpenter requirements
 * allows, as far as Strata's checks need to know: whether a pod fits some node of its pool, how big a
 * pool's smallest node for one pod is, how many instance types a spot pool may draw from.
 *
 * vCPUs follow the size's name (`large` 2, `xlarge` 4, `Nxlarge` 4·N) in every family Strata offers;
 * memory follows the category (c: 2 GiB per vCPU, m and t: 4, r: 8; g4dn, g5, g6: 4, g6e: 8). A type whose
 * memory this table does not know is checked on its vCPUs (and GPUs) only.
 */

/** The instance categories (Karpenter's `karpenter.k8s.aws/instance-category`) a CPU pool may draw from. */
export const cpuCategories = ["c", "m", "r"] as const;
export type CpuCategory = (typeof cpuCategories)[number];

/** The sizes a CPU pool may list (Karpenter's `karpenter.k8s.aws/instance-size`), smallest first. */
export const standardSizes = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"] as const;
export type StandardSize = (typeof standardSizes)[number];

/**
 * The sizes every c, m and r family Strata offers comes in. Larger ones are missing from some (c5 has
 * 9xlarge instead of 8xlarge): a pool's instance-type count is counted on these only, a lower bound.
 */
export const UNIVERSAL_SIZES: readonly StandardSize[] = ["large", "xlarge", "2xlarge", "4xlarge"];

const MEMORY_GIB_PER_VCPU: Readonly<Record<string, number>> = { c: 2, m: 4, r: 8, t: 4, g4dn: 4, g5: 4, g6: 4, g6e: 8 };

export interface InstanceShape {
  type: string;
  vcpus: number;
  /** Absent where the table does not know it. */
  memoryGiB?: number;
  gpus: number;
}

/** The vCPUs of a size (`large` 2, `xlarge` 4, `12xlarge` 48); undefined for sizes whose count varies (metal, medium). */
export function vcpusOfSize(size: string): number | undefined {
  if (size === "large") return 2;
  if (size === "xlarge") return 4;
  const match = /^([1-9][0-9]*)xlarge$/.exec(size);
  return match ? 4 * Number(match[1]) : undefined;
}

/** A family's category and generation as Karpenter labels nodes (`m6i`: m, 6; `p6-b200`: p, 6). */
export function familyTraits(family: string): { category: string; generation: number } | undefined {
  const match = /^([a-z]+?)([0-9]+)/.exec(family);
  return match ? { category: match[1], generation: Number(match[2]) } : undefined;
}

/** The shape of a known instance type; undefined when its vCPUs cannot be told from its size. */
export function instanceShape(type: string): InstanceShape | undefined {
  const parsed = parseInstanceType(type);
  if (!parsed || !instanceFamilies[parsed.family]) return undefined;
  const vcpus = vcpusOfSize(parsed.size);
  if (vcpus === undefined) return undefined;
  const ratio = MEMORY_GIB_PER_VCPU[parsed.family] ?? (nvidiaGpusBySize[parsed.family] ? undefined : MEMORY_GIB_PER_VCPU[familyTraits(parsed.family)?.category ?? ""]);
  return { type, vcpus, ...(ratio !== undefined ? { memoryGiB: ratio * vcpus } : {}), gpus: gpusPerInstance(type) ?? 0 };
}

/** What a Karpenter pool's requirements allow: exact types, or families / categories, a minimum generation and sizes. */
export type InstanceSelection =
  | { kind: "types"; types: string[] }
  | { kind: "requirements"; families?: string[]; categories?: string[]; minGeneration?: number; sizes?: string[]; gpu: boolean };

/** The x86_64 families a selection by requirements may draw from (GPU ones for a GPU pool, the others otherwise). */
export function selectedFamilies(selection: Extract<InstanceSelection, { kind: "requirements" }>): string[] {
  return Object.entries(instanceFamilies)
    .filter(([family, traits]) => {
      const t = familyTraits(family);
      if (traits.architecture !== "x86_64" || traits.gpu !== selection.gpu || !t) return false;
      if (selection.families && !selection.families.includes(family)) return false;
      if (selection.categories && !selection.categories.includes(t.category)) return false;
      return selection.minGeneration === undefined || t.generation >= selection.minGeneration;
    })
    .map(([family]) => family)
    .sort();
}

/**
 * The instance types a selection allows, each with its shape. A GPU family's sizes are its own (every one it
 * comes in); a CPU family's are the listed sizes, assumed offered (c5 lacks 8xlarge: the check that uses this
 * to find the largest node may then over-estimate by one size in a c5-only pool).
 */
export function selectedShapes(selection: InstanceSelection): InstanceShape[] {
  if (selection.kind === "types") return selection.types.flatMap((t) => instanceShape(t) ?? []);
  return selectedFamilies(selection).flatMap((family) => {
    const sizes = nvidiaGpusBySize[family] ? Object.keys(nvidiaGpusBySize[family]).filter((s) => !selection.sizes || selection.sizes.includes(s)) : (selection.sizes ?? standardSizes);
    return sizes.flatMap((size) => instanceShape(`${family}.${size}`) ?? []);
  });
}

/** How many instance types a selection surely allows: exact types, or each family in its universal sizes only (see UNIVERSAL_SIZES). */
export function countedInstanceTypes(selection: InstanceSelection): number {
  if (selection.kind === "types") return new Set(selection.types).size;
  return selectedShapes(selection).filter((s) => nvidiaGpusBySize[s.type.split(".")[0]] || (UNIVERSAL_SIZES as readonly string[]).includes(s.type.split(".")[1])).length;
}
