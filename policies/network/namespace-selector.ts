import { list, record } from "../engine/fields";
import { isUnknown } from "../engine/unknown";

/**
 * Whether a peer's namespaceSelector narrows which namespaces it admits. It does only with a term a
 * namespace must be given: a label value (`matchLabels`, or `In`), or a label that must exist (`Exists`)
 * other than `kubernetes.io/metadata.name`, which every namespace carries. `{}`, `{matchLabels: {}}`,
 * `Exists` on that label, `DoesNotExist` and `NotIn` admit every namespace, or every one but a few,
 * including those created later.
 */

/** The label Kubernetes puts on every namespace. */
const ON_EVERY_NAMESPACE = "kubernetes.io/metadata.name";

export function narrowsNamespaces(selector: unknown): boolean | "unknown" {
  if (isUnknown(selector)) return "unknown";
  const s = record(selector);
  if (isUnknown(s.matchLabels) || isUnknown(s.matchExpressions)) return "unknown";
  if (Object.keys(record(s.matchLabels)).length > 0) return true;
  let unknown = false;
  for (const expression of list<unknown>(s.matchExpressions)) {
    const e = record(expression);
    if (isUnknown(expression) || isUnknown(e.key) || isUnknown(e.operator)) {
      unknown = true;
      continue;
    }
    if (e.operator === "In") return true;
    if (e.operator === "Exists" && e.key !== ON_EVERY_NAMESPACE) return true;
  }
  return unknown ? "unknown" : false;
}
