import type { z } from "zod";
import { closestKey, keysOfOtherOptions, knownKeysAt } from "./suggest";

/** One problem in stack config: where (a key path like `layers[2].replicas`) and what was expected. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type PathSegment = string | number | symbol;

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || "(root)";
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as PropertyKey];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * zod's issues as config issues: one per problem, with the offending value; unknown keys one per key, with
 * the closest known key when it looks like a typo.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown, schema: z.ZodType): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, issue.path, input);
      const union = keysOfOtherOptions(schema, issue.path, input);
      for (const key of issue.keys) {
        const guess = closestKey(key, known);
        const other = union?.others.get(key);
        let message: string;
        if (union && other !== undefined && !known.includes(key)) {
          message = `"${key}" applies to ${union.discriminator} "${String(other)}" only (this ${union.discriminator} is "${String(union.chosen)}")`;
        } else {
          message = guess ? `unknown key (did you mean "${guess}"?)` : `unknown key (known keys: ${known.join(", ")})`;
        }
        out.push({ path: formatPath([...issue.path, key]), message });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      // A map key that failed its own schema: say what the key must be, and show the key, not its value.
      const key = issue.path[issue.path.length - 1];
      const reasons = issue.issues.map((i) => i.message).join("; ");
      out.push({ path: formatPath(issue.path), message: `key ${reasons} (got ${describe(String(key))})` });
      continue;
    }
    const got = valueAt(input, issue.path);
    const suffix = issue.code === "custom" ? "" : ` (got ${describe(got)})`;
    out.push({ path: formatPath(issue.path), message: `${issue.message}${suffix}` });
  }
  return out;
}

/** Issues in a stable order, without repeats. */
export function normalizeIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}
