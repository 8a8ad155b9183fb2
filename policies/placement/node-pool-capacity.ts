import { nodePools } from "../platform/placement";
import { isObject, list, record } from "../engine/fields";
import { containsUnknown, isUnknown } from "../engine/unknown";
import { KARPENTER_CAPACITY_TYPE_LABEL } from "./scheduling";

/** Karpenter's NodePool kind (karpenter.sh), as rules recognise it. */
export const KARPENTER_NODEPOOL = { apiGroup: "karpenter.sh", kind: "NodePool" } as const;

/** Every capacity type a NodePool may allow; with no requirement on the key, Karpenter launches on-demand only. */
const CAPACITY_TYPES = ["spot", "on-demand", "reserved"] as const;
const KARPENTER_DEFAULT_CAPACITY = ["on-demand"];

const requirementsOf = (object: Record<string, unknown>) => record(record(record(object.spec).template).spec).requirements;

/** Whether a preview leaves a NodePool's capacity types unknown: its requirements, or one that may name the capacity type. */
export function nodePoolCapacityUnknown(object: Record<string, unknown>): boolean {
  const requirements = requirementsOf(object);
  if (isUnknown(requirements)) return true;
  return list<unknown>(requirements).some((r) => isUnknown(r) || (isObject(r) && (isUnknown(r.key) || (r.key === KARPENTER_CAPACITY_TYPE_LABEL && containsUnknown(r)))));
}

/** The capacity types a NodePool's requirements allow (each requirement on the key narrows them); known requirements only (see nodePoolCapacityUnknown). */
export function nodePoolCapacityTypes(object: Record<string, unknown>): string[] {
  const requirements = list<Record<string, unknown>>(requirementsOf(object)).filter((r) => isObject(r) && r.key === KARPENTER_CAPACITY_TYPE_LABEL);
  if (requirements.length === 0) return [...KARPENTER_DEFAULT_CAPACITY];
  return CAPACITY_TYPES.filter((type) =>
    requirements.every((r) => {
      const values = list<string>(r.values);
      switch (r.operator) {
        case "In":
          return values.includes(type);
        case "NotIn":
          return !values.includes(type);
        case "Exists":
          return true;
        default:
          return false;
      }
    }),
  );
}

const nodeLabelsOf = (object: Record<string, unknown>) => record(record(record(record(object.spec).template).metadata).labels);

/** Whether a NodePool's nodes carry the stateful pool's labels (from the placement definition). */
export function isStatefulNodePool(object: Record<string, unknown>): boolean {
  const labels = nodeLabelsOf(object);
  return Object.entries(nodePools.stateful.nodeLabels).every(([k, v]) => labels[k] === v);
}

/** Whether a preview leaves unknown if a NodePool is the stateful pool: a label it would need is unknown, the others match. */
export function statefulNodePoolUnknown(object: Record<string, unknown>): boolean {
  const labels = nodeLabelsOf(object);
  const entries = Object.entries(nodePools.stateful.nodeLabels);
  return entries.some(([k]) => isUnknown(labels[k])) && entries.every(([k, v]) => isUnknown(labels[k]) || labels[k] === v);
}
