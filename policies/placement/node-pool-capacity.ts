import { nodePools } from "../../platform/placement";
import { isObject, list, record } from "../engine/fields";
import { KARPENTER_CAPACITY_TYPE_LABEL } from "./scheduling";

/** Karpenter's NodePool kind (karpenter.sh), as rules recognise it. */
export const KARPENTER_NODEPOOL = { apiGroup: "karpenter.sh", kind: "NodePool" } as const;

/** Every capacity type a NodePool may allow; with no requirement on the key, Karpenter launches on-demand only. */
const CAPACITY_TYPES = ["spot", "on-demand", "reserved"] as const;
const KARPENTER_DEFAULT_CAPACITY = ["on-demand"];

/** The capacity types a NodePool's requirements allow (each requirement on the key narrows them). */
export function nodePoolCapacityTypes(object: Record<string, unknown>): string[] {
  const requirements = list<Record<string, unknown>>(record(record(record(object.spec).template).spec).requirements).filter((r) => isObject(r) && r.key === KARPENTER_CAPACITY_TYPE_LABEL);
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

/** Whether a NodePool's nodes carry the stateful pool's labels (from the placement definition). */
export function isStatefulNodePool(object: Record<string, unknown>): boolean {
  const labels = record(record(record(record(object.spec).template).metadata).labels);
  return Object.entries(nodePools.stateful.nodeLabels).every(([k, v]) => labels[k] === v);
}
