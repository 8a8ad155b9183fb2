import { nodePools } from "../../platform/placement";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { KARPENTER_AWS_GROUP, KARPENTER_GROUP, karpenterLabels } from "./names";
import { nodeClassName } from "./node-classes";
import type { KarpenterPoolSpec } from "./spec";

/**
 * One NodePool per pool, from the placement definition (platform/placement.ts) the managed node groups use:
 * the same node labels and taints, so every workload's nodeSelector and tolerations pick the same pool
 * whichever mode sizes it. Requirements: the pool's capacity type, amd64 Linux, and its instance types (a
 * list, or families / categories / generation / sizes); limits and disruption from its spec.
 */

export const CAPACITY_TYPE_LABEL = "karpenter.sh/capacity-type";
export const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
/** Karpenter's well-known labels of an instance type. */
export const instanceLabels = {
  family: `${KARPENTER_AWS_GROUP}/instance-family`,
  category: `${KARPENTER_AWS_GROUP}/instance-category`,
  generation: `${KARPENTER_AWS_GROUP}/instance-generation`,
  size: `${KARPENTER_AWS_GROUP}/instance-size`,
} as const;
/** The GPUs a NodePool's limit counts (the device plugin's resource). */
export const GPU_LIMIT = "nvidia.com/gpu";

interface Requirement {
  key: string;
  operator: "In" | "Gte";
  values: string[];
}

export function poolRequirements(pool: KarpenterPoolSpec): Requirement[] {
  const requirements: Requirement[] = [
    { key: CAPACITY_TYPE_LABEL, operator: "In", values: [pool.capacityType] },
    { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
  ];
  const selection = pool.instances;
  if (selection.kind === "types") return [...requirements, { key: INSTANCE_TYPE_LABEL, operator: "In", values: [...selection.types] }];
  if (selection.families) requirements.push({ key: instanceLabels.family, operator: "In", values: [...selection.families] });
  if (selection.categories) requirements.push({ key: instanceLabels.category, operator: "In", values: [...selection.categories] });
  if (selection.minGeneration !== undefined) requirements.push({ key: instanceLabels.generation, operator: "Gte", values: [String(selection.minGeneration)] });
  if (selection.sizes) requirements.push({ key: instanceLabels.size, operator: "In", values: [...selection.sizes] });
  return requirements;
}

export function nodePool(pool: KarpenterPoolSpec): KubernetesObject {
  if (pool.pool === "stateful" && pool.capacityType !== "on-demand") throw new Error("the stateful pool never runs on spot");
  const placement = nodePools[pool.pool];
  const limits: Record<string, string> = {
    cpu: pool.limits.cpu,
    memory: pool.limits.memory,
    ...(pool.limits.nodes !== undefined ? { nodes: String(pool.limits.nodes) } : {}),
    ...(pool.limits.gpus !== undefined ? { [GPU_LIMIT]: String(pool.limits.gpus) } : {}),
  };
  return {
    apiVersion: `${KARPENTER_GROUP}/v1`,
    kind: "NodePool",
    metadata: { name: pool.pool, labels: karpenterLabels },
    spec: {
      template: {
        metadata: { labels: { ...placement.nodeLabels } },
        spec: {
          nodeClassRef: { group: KARPENTER_AWS_GROUP, kind: "EC2NodeClass", name: nodeClassName(pool) },
          ...(placement.taints.length ? { taints: placement.taints.map((t) => ({ ...t })) } : {}),
          requirements: poolRequirements(pool),
          expireAfter: pool.expireAfter,
        },
      },
      limits,
      disruption: {
        consolidationPolicy: pool.consolidationPolicy,
        consolidateAfter: pool.consolidateAfter,
        budgets: pool.budgets.map((b) => ({ ...b, ...(b.reasons ? { reasons: [...b.reasons] } : {}) })),
      },
    },
  };
}
