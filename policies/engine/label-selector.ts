import { list, record } from "./fields";
import { isUnknown } from "./unknown";

/**
 * Whether a LabelSelector selects an object with these labels (the API's semantics; {} selects everything):
 * true, false, or "unknown" when the answer rests on a value unknown until apply.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean | "unknown" {
  const s = record(selector);
  if (isUnknown(selector) || isUnknown(s.matchLabels) || isUnknown(s.matchExpressions) || isUnknown(labels)) return "unknown";
  let unknown = false;
  for (const [k, v] of Object.entries(record(s.matchLabels))) {
    if (isUnknown(v) || isUnknown(labels[k])) unknown = true;
    else if (labels[k] !== v) return false;
  }
  for (const expression of list<Record<string, unknown>>(s.matchExpressions)) {
    const e = record(expression);
    if (isUnknown(expression) || isUnknown(e.key) || isUnknown(e.operator) || isUnknown(e.values) || list(e.values).some(isUnknown)) {
      unknown = true;
      continue;
    }
    if (!expressionMatches(e, labels)) return false;
  }
  return unknown ? "unknown" : true;
}

function expressionMatches(e: Record<string, unknown>, labels: Record<string, string>): boolean {
  const key = String(e.key);
  const values = list<string>(e.values);
  switch (e.operator) {
    case "In":
      return key in labels && values.includes(labels[key]);
    case "NotIn":
      return !(key in labels) || !values.includes(labels[key]);
    case "Exists":
      return key in labels;
    case "DoesNotExist":
      return !(key in labels);
    default:
      return false;
  }
}
