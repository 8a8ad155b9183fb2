/**
 * Which values of the stack config are secret, down to the string (issue 15, item 4). Pulumi marks a whole
 * top-level key secret when any value in it is `secure:`; where the secure leaves are known (the stack
 * file, read by the offline runner or by the program under `pulumi up`: config/pulumi-config.ts) only those are secret, otherwise every string of the key is.
 * What the program registers is then judged by these strings (components/secret-config-transformation.ts).
 */

/** What an encrypted (`secure:`) config value reads as where it is not decrypted (offline: check, render). */
export const SECRET_PLACEHOLDER = "[secret]";

/** The placeholder of the `i`th encrypted value when each must be told apart (render names the key a file would leak). */
export const secretMarker = (i: number) => `${SECRET_PLACEHOLDER}{${i}}`;

/** secretMarker's form, as a pattern. */
const MARKER = String.raw`\[secret\]\{\d+\}`;
const ONE_MARKER = new RegExp(`^${MARKER}$`);

/** Every numbered placeholder in a text (to say them as the shared one again). */
export const SECRET_MARKERS = new RegExp(MARKER, "g");

/** Whether a config value is an encrypted value's placeholder, shared or numbered. */
export const isSecretPlaceholder = (value: unknown) => value === SECRET_PLACEHOLDER || (typeof value === "string" && ONE_MARKER.test(value));

/** A path into the config: the key without its namespace, then object keys and array indexes. */
export type ConfigPath = readonly (string | number)[];

export interface SecretConfigValue {
  /** Where it is, as config issues name keys: `layers[0].serviceAccount.annotations.x`. */
  path: string;
  value: string;
  /** Known to be a `secure:` leaf (not just a string of a secret key): a name holding it is refused. */
  secure: boolean;
}

export function formatConfigPath(path: ConfigPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function at(value: unknown, path: ConfigPath): unknown {
  let v = value;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** Every string under `value`, with its path (a `secure:` value is always a string: numbers and booleans of a secret key are plain). */
function stringLeaves(value: unknown, path: ConfigPath, into: { path: ConfigPath; value: string }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => stringLeaves(v, [...path, i], into));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) stringLeaves(v, [...path, k], into);
  else if (typeof value === "string" && value !== "") into.push({ path, value });
}

/**
 * The secret strings of the config `values` (keys without namespace): those at `securePaths` (when known),
 * else every string of a key in `secretKeys`.
 */
export function secretConfigValues(values: Record<string, unknown>, secretKeys: readonly string[], securePaths?: readonly ConfigPath[]): SecretConfigValue[] {
  const out: SecretConfigValue[] = [];
  for (const key of secretKeys) {
    const known = securePaths?.filter((p) => p[0] === key);
    const leaves: { path: ConfigPath; value: string }[] = [];
    if (known?.length) for (const p of known) stringLeaves(at(values, p), p, leaves);
    else stringLeaves(values[key], [key], leaves);
    for (const leaf of leaves) out.push({ path: formatConfigPath(leaf.path), value: leaf.value, secure: Boolean(known?.length) });
  }
  return out;
}

/**
 * Whether `text` holds a secret: it contains one (secrets of four characters or more), or is one (shorter
 * secrets, which would otherwise match half the platform's strings).
 */
export function secretIn(text: string, secrets: readonly SecretConfigValue[]): SecretConfigValue | undefined {
  return secrets.find((s) => (s.value.length >= 4 ? text.includes(s.value) : text === s.value));
}

/** Config issues with every secret in their messages replaced by `[secret]`: an invalid secret is named by its key, never shown. */
export function withoutSecrets<I extends { message: string }>(issues: readonly I[], secrets: readonly SecretConfigValue[]): I[] {
  // Longest first, so that a secret holding another is masked whole.
  const values = secrets.map((s) => s.value).filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  return issues.map((issue) => ({ ...issue, message: values.reduce((m, v) => m.split(v).join("[secret]"), issue.message) }));
}
