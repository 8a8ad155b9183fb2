/**
 * Reading raw (not yet validated) config defensively, for the cross-key checks: they run even where other
 * keys are malformed, and leave a value of the wrong type to the schema's own issue.
 */
export type Raw = Record<string, unknown>;

export const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
export const isInt = (v: unknown): v is number => Number.isInteger(v);
export const isString = (v: unknown): v is string => typeof v === "string";
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
