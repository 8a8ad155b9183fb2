import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { isEmptyObject, list } from "../engine/fields";
import { isUnknown } from "../engine/unknown";

/** NetworkPolicy semantics the network rules share, from the Kubernetes API reference. */

export type Direction = "Ingress" | "Egress";
type NetworkPolicySpec = Partial<NonNullable<INetworkPolicy["spec"]>>;

/** The directions a policy governs: policyTypes, or when unset Ingress, plus Egress if it has egress rules. */
export function policyDirections(spec: NetworkPolicySpec): Direction[] {
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.filter((t): t is Direction => t === "Ingress" || t === "Egress");
  return spec.egress !== undefined ? ["Ingress", "Egress"] : ["Ingress"];
}

/** The policy's rules in one direction (an unknown list: one unknown rule). */
export function rulesOf(spec: NetworkPolicySpec, direction: Direction): Record<string, unknown>[] {
  return list<Record<string, unknown>>(direction === "Ingress" ? spec.ingress : spec.egress);
}

/** Whether the policy denies everything in a direction for every pod of its namespace; "unknown" when that rests on an unknown. */
export function deniesAll(spec: NetworkPolicySpec, direction: Direction): boolean | "unknown" {
  const rules = direction === "Ingress" ? spec.ingress : spec.egress;
  if (isUnknown(spec) || isUnknown(spec.podSelector) || isUnknown(spec.policyTypes) || isUnknown(rules)) return "unknown";
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.some(isUnknown) && !spec.policyTypes.includes(direction)) return "unknown";
  return isEmptyObject(spec.podSelector ?? {}) && policyDirections(spec).includes(direction) && rulesOf(spec, direction).length === 0;
}
