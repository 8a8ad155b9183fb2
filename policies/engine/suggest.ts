import type { z } from "zod";
import type { PathSegment } from "./config-issues";

/** "Did you mean …?" for unknown config keys: the known keys of the object at a path, and the closest one. */

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as unknown as { def: { type: string; innerType?: z.ZodType } };
  while (current.def.innerType && ["optional", "default", "nullable", "prefault"].includes(current.def.type)) {
    current = current.def.innerType as unknown as typeof current;
  }
  return current as unknown as z.ZodType;
}

type Def = { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[]; discriminator?: string; values?: unknown[] } };

/** The discriminator values an option of a discriminated union accepts (a literal, maybe optional). */
function discriminatorValues(option: z.ZodType, discriminator: string): unknown[] {
  const shape = (unwrap(option) as unknown as Def).def.shape ?? {};
  const field = shape[discriminator];
  if (!field) return [];
  const values = (unwrap(field) as unknown as Def).def.values ?? [];
  const optional = (field as unknown as Def).def.type === "optional";
  return optional ? [...values, undefined] : values;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as PropertyKey];
  }
  return current;
}

/**
 * The option of a discriminated union the input picks (by its discriminator value), or undefined when the
 * input picks none.
 */
function pickOption(union: Def, input: unknown): z.ZodType | undefined {
  const { options = [], discriminator } = union.def;
  if (!discriminator) return undefined;
  const value = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[discriminator] : undefined;
  return options.find((o) => discriminatorValues(o, discriminator).includes(value));
}

/** The object schema at `path`, through objects, arrays, optionals and (given the input) discriminated unions. */
function schemaAt(schema: z.ZodType, path: readonly PathSegment[], input?: unknown): Def | undefined {
  let current = unwrap(schema) as unknown as Def;
  const resolveUnion = (at: number) => {
    while (current.def.type === "union") {
      const option = pickOption(current, valueAt(input, path.slice(0, at)));
      if (!option) return false;
      current = unwrap(option) as unknown as Def;
    }
    return true;
  };
  for (let i = 0; i < path.length; i++) {
    if (!resolveUnion(i)) return undefined;
    const segment = path[i];
    if (current.def.type === "object" && typeof segment === "string" && current.def.shape?.[segment]) {
      current = unwrap(current.def.shape[segment]) as unknown as Def;
    } else if (current.def.type === "array" && typeof segment === "number" && current.def.element) {
      current = unwrap(current.def.element) as unknown as Def;
    } else return undefined;
  }
  return resolveUnion(path.length) ? current : undefined;
}

/** The keys the schema allows in the object at `path` (given the input, for unions), or none when the path leads elsewhere. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[], input?: unknown): string[] {
  const at = schemaAt(schema, path, input);
  return at?.def.type === "object" ? Object.keys(at.def.shape ?? {}) : [];
}

/**
 * Where the object at `path` is one option of a discriminated union: the other options' discriminator
 * values by key, for keys only those options know ("nodeGroups" → "eks" when the input chose "existing").
 */
export function keysOfOtherOptions(schema: z.ZodType, path: readonly PathSegment[], input?: unknown): { discriminator: string; chosen: unknown; others: Map<string, unknown> } | undefined {
  if (path.length === 0) return undefined;
  const parent = schemaAt(schema, path.slice(0, -1), input);
  const segment = path[path.length - 1];
  // The union is an object's field, or an array's element (a list of discriminated entries).
  const field =
    parent?.def.type === "object" && typeof segment === "string"
      ? parent.def.shape?.[segment]
      : parent?.def.type === "array" && typeof segment === "number"
        ? parent.def.element
        : undefined;
  if (!field) return undefined;
  const union = unwrap(field) as unknown as Def;
  const { options = [], discriminator } = union.def;
  if (union.def.type !== "union" || !discriminator) return undefined;
  const value = valueAt(input, path);
  const chosen = pickOption(union, value);
  const others = new Map<string, unknown>();
  for (const option of options) {
    if (option === chosen) continue;
    const label = discriminatorValues(option, discriminator).find((v) => v !== undefined);
    for (const key of Object.keys((unwrap(option) as unknown as Def).def.shape ?? {})) if (!others.has(key)) others.set(key, label);
  }
  const chosenValue = (value as Record<string, unknown> | undefined)?.[discriminator] ?? discriminatorValues(chosen ?? options[0], discriminator).find((v) => v !== undefined);
  return { discriminator, chosen: chosenValue, others };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known key closest to `key`, when it is close enough to be a typo. */
export function closestKey(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
