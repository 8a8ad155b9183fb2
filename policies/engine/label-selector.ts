import { list, record } from "./fields";

/** Whether a LabelSelector selects an object with these labels (the API's semantics; {} selects everything). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const s = record(selector);
  const matchLabels = Object.entries(record(s.matchLabels));
  if (!matchLabels.every(([k, v]) => labels[k] === v)) return false;
  return list<Record<string, unknown>>(s.matchExpressions).every((e) => {
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
  });
}
