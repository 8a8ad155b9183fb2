import type { z } from "zod";
import type { PathSegment } from "./issues";

/** "Did you mean …?" for unknown config keys: the known keys of the object at a path, and the closest one. */

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as unknown as { def: { type: string; innerType?: z.ZodType } };
  while (current.def.innerType && ["optional", "default", "nullable", "prefault"].includes(current.def.type)) {
    current = current.def.innerType as unknown as typeof current;
  }
  return current as unknown as z.ZodType;
}

/** The keys the schema allows in the object at `path`, or none when the path leads elsewhere. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current = unwrap(schema) as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } };
  for (const segment of path) {
    if (current.def.type === "object" && typeof segment === "string" && current.def.shape?.[segment]) {
      current = unwrap(current.def.shape[segment]) as unknown as typeof current;
    } else if (current.def.type === "array" && typeof segment === "number" && current.def.element) {
      current = unwrap(current.def.element) as unknown as typeof current;
    } else return [];
  }
  return current.def.type === "object" ? Object.keys(current.def.shape ?? {}) : [];
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
