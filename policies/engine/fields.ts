import { isUnknown, UNKNOWN, UNKNOWN_TEXT } from "./unknown";

/**
 * Reading fields of objects that come from anywhere (stack inputs, manifests, `helm template` output):
 * nothing is trusted to have the shape its schema promises, and a malformed field must not crash a rule.
 * An unknown (see unknown.ts) reads as unknown all the way down: its fields are unknown, and as a list it
 * has one unknown element, so that a rule meets it instead of an empty list.
 */

/** A plain object: not null, not an array. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The field at a dotted path, or undefined. */
export function at(object: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), object);
}

/** The value if it is an object, else an empty one. */
export function record(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** The value if it is an array, else no elements; an unknown list has one unknown element. */
export function list<T>(value: T[] | undefined | null | unknown): T[] {
  if (isUnknown(value)) return [UNKNOWN as T];
  return Array.isArray(value) ? (value as T[]) : [];
}

/** `"a"`: values in messages are quoted as JSON so empty strings and spaces stay visible; an unknown is said so. */
export function quote(value: unknown): string {
  if (isUnknown(value)) return UNKNOWN_TEXT;
  return JSON.stringify(value) ?? String(value);
}

/** Whether an object has no keys (an empty label selector selects everything); an unknown is not known to be empty. */
export function isEmptyObject(value: unknown): boolean {
  return isObject(value) && !isUnknown(value) && Object.keys(value).length === 0;
}
