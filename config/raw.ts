import type { Profile } from "./profiles";

/**
 * Reading raw config (and any other untrusted data) defensively: the cross-key checks run even where other
 * keys are malformed, so a value of the wrong type reads as absent and is left to the schema's own issue.
 */

export type Raw = Record<string, unknown>;

/** A plain object: not null, not an array (defined with the policy pack's field readers). */
export { isObject } from "../policies/engine/fields";
export const isInt = (v: unknown): v is number => Number.isInteger(v);
export const isString = (v: unknown): v is string => typeof v === "string";
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The profile the raw config names; anything but "prod" checks as dev. */
export function profileOf(raw: Raw): Profile {
  return raw.profile === "prod" ? "prod" : "dev";
}

/** The layers the raw config lists, or the default set when it lists none. */
export function layersOf(raw: Raw, defaultLayers: unknown[]): unknown[] {
  return Array.isArray(raw.layers) ? raw.layers : defaultLayers;
}
