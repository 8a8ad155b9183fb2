import type { ConfigIssue } from "./issues";
import { isObject, isString, type Raw } from "./raw";

/**
 * Overlays: a stack file's list that has defaults (the application layers, Kafka's topics, Postgres's
 * extensions) is merged onto those defaults by name, so that a stack changes one default, adds one or
 * removes one without restating the rest. `replaceDefaults` names the lists that start empty instead.
 *
 * - An entry whose `name` is a default's overlays it: its fields are merged onto the default's (objects key
 *   by key, at any depth; a list or a scalar replaces; `null` removes the default's value).
 * - An entry without a `name` overlays the default at its own index: that is what `pulumi config set --path
 *   'strata:layers[0].capacityClass' spot` writes into a stack file without layers.
 * - `{ name: X, remove: true }` removes the default X (in a list of strings too: `{ name: vector, remove: true }`).
 * - Any other entry is added after the defaults.
 *
 * The result is the list the stack would have had to restate in full before overlays: every check and
 * resolve reads it as such. Issues found there are said at the stack file's own entry (`layers[1]`), or, for
 * an untouched default, as that default's.
 */

/** A list with defaults that a stack's entries overlay. */
export interface OverlaidList {
  /** Where it is in the stack config: `layers`, `kafka.topics`. */
  key: string;
  /** Objects named by their `name` field, or strings (each its own name). */
  entries: "objects" | "strings";
  /** What the singular of an entry is called in messages ("layer", "topic"). */
  noun: string;
  /** The defaults; `layersFromDefaults`: whether the layers start from theirs (the topics and extensions they use come with them). */
  defaults(layersFromDefaults: boolean): readonly unknown[];
}

/** Where an entry of an overlaid list comes from. */
export interface EntryOrigin {
  /** The default it is (or overlays), by name. */
  defaultName?: string;
  /** The index of the stack file's entry that overlays or adds it. */
  stackIndex?: number;
}

export interface Overlaid {
  /** The stack config with every overlaid list the stack names expanded to the whole list. */
  raw: Raw;
  /** Each expanded list's entries' origins, by list key. */
  origins: ReadonlyMap<string, EntryOrigin[]>;
  /** Whether the layers start from the defaults (`replaceDefaults` does not name them). */
  layersFromDefaults: boolean;
  issues: ConfigIssue[];
}

export const REPLACE_DEFAULTS_KEY = "replaceDefaults";
export const LAYERS_KEY = "layers";

const getAt = (raw: Raw, key: string): unknown => key.split(".").reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), raw);

function setAt(raw: Raw, key: string, value: unknown): Raw {
  const [head, ...rest] = key.split(".");
  if (!rest.length) return { ...raw, [head]: value };
  return { ...raw, [head]: setAt(isObject(raw[head]) ? (raw[head] as Raw) : {}, rest.join("."), value) };
}

/** The lists `replaceDefaults` names, read defensively (its schema reports a malformed value). */
function replacedLists(raw: Raw): Set<string> {
  const value = raw[REPLACE_DEFAULTS_KEY];
  return new Set(Array.isArray(value) ? value.filter(isString) : []);
}

/** `overlay` merged onto `base`: objects key by key at any depth, anything else replaces, `null` removes. */
export function mergeOverlay(base: unknown, overlay: unknown): unknown {
  if (!isObject(overlay)) return structuredClone(overlay);
  const out: Raw = isObject(base) ? structuredClone(base) : {};
  for (const [k, v] of Object.entries(overlay)) {
    if (v === null) delete out[k];
    else out[k] = mergeOverlay(out[k], v);
  }
  return out;
}

/**
 * Expands every overlaid list the stack names (`everyList`: every list, the defaults of those it does not
 * name too, as `strata config show` prints them); the rest of the config is as written.
 */
export function applyOverlays(stack: Raw, lists: readonly OverlaidList[], everyList = false): Overlaid {
  const replaced = replacedLists(stack);
  const layersFromDefaults = !replaced.has(LAYERS_KEY);
  let raw = stack;
  const origins = new Map<string, EntryOrigin[]>();
  const issues: ConfigIssue[] = [];
  for (const list of lists) {
    const given = getAt(stack, list.key);
    const isReplaced = replaced.has(list.key);
    if (given === undefined && !isReplaced && (!everyList || !list.defaults(layersFromDefaults).length)) continue;
    if (given !== undefined && !Array.isArray(given)) continue; // the schema's to report
    const expanded = expandList(list, given ?? [], isReplaced ? [] : list.defaults(layersFromDefaults), isReplaced);
    raw = setAt(raw, list.key, expanded.entries);
    origins.set(list.key, expanded.origins);
    issues.push(...expanded.issues);
  }
  return { raw, origins, layersFromDefaults, issues };
}

interface Slot {
  value: unknown;
  origin: EntryOrigin;
  removed?: boolean;
}

const nameOf = (list: OverlaidList, entry: unknown): string | undefined => (list.entries === "strings" ? (isString(entry) ? entry : undefined) : isObject(entry) && isString(entry.name) ? entry.name : undefined);

function expandList(list: OverlaidList, given: unknown[], defaults: readonly unknown[], isReplaced: boolean) {
  const slots: Slot[] = defaults.map((value) => ({ value: structuredClone(value), origin: { defaultName: nameOf(list, value) } }));
  const defaultNames = slots.map((s) => s.origin.defaultName!);
  const added: Slot[] = [];
  const issues: ConfigIssue[] = [];
  const noDefaults = isReplaced ? `${REPLACE_DEFAULTS_KEY} names ${list.key}: there are no defaults` : `the defaults are: ${defaultNames.join(", ") || "none"}`;
  for (const [j, entry] of given.entries()) {
    const at = `${list.key}[${j}]`;
    const removal = isObject(entry) && "remove" in entry;
    if (removal) {
      const problem = removalProblem(entry as Raw, at, defaultNames, noDefaults);
      if (problem) { issues.push(problem); continue; }
      const slot = slots[defaultNames.indexOf((entry as Raw).name as string)];
      if (slot.origin.stackIndex !== undefined) { issues.push(claimedTwice(list, at, slot)); continue; }
      slot.removed = true;
      slot.origin.stackIndex = j;
      continue;
    }
    if (list.entries === "strings") {
      const index = isString(entry) ? defaultNames.indexOf(entry) : -1;
      if (index >= 0) slots[index].origin.stackIndex = j; // restating a default keeps it
      else added.push({ value: entry, origin: { stackIndex: j } });
      continue;
    }
    if (!isObject(entry)) { added.push({ value: entry, origin: { stackIndex: j } }); continue; } // the schema's to report
    const name = entry.name;
    let index = isString(name) ? defaultNames.indexOf(name) : -1;
    if (name === undefined) {
      // Nameless: the default at the same index (what `pulumi config set --path '<list>[i].field'` writes).
      if (j >= slots.length) {
        issues.push({
          path: at,
          message: `an entry without a name overlays the default ${list.noun} at its own index, and there is none at ${j} (${noDefaults}): give it a name to add a ${list.noun}`,
        });
        continue;
      }
      index = j;
    }
    if (index < 0) { added.push({ value: mergeOverlay({}, entry), origin: { stackIndex: j } }); continue; }
    const slot = slots[index];
    if (slot.origin.stackIndex !== undefined) { issues.push(claimedTwice(list, at, slot)); continue; }
    slot.value = mergeOverlay(slot.value, entry);
    slot.origin.stackIndex = j;
  }
  const kept = [...slots.filter((s) => !s.removed), ...added];
  return { entries: kept.map((s) => s.value), origins: kept.map((s) => s.origin), issues };
}

function claimedTwice(list: OverlaidList, at: string, slot: Slot): ConfigIssue {
  return { path: at, message: `the default ${list.noun} "${slot.origin.defaultName}" is already overlaid (or removed) by ${list.key}[${slot.origin.stackIndex}]: say it once` };
}

/** What is wrong with `{ name, remove: true }`, if anything. */
function removalProblem(entry: Raw, at: string, defaultNames: string[], noDefaults: string): ConfigIssue | undefined {
  if (entry.remove !== true) return { path: `${at}.remove`, message: "must be true (it removes the default of that name); leave it out to keep the default" };
  const others = Object.keys(entry).filter((k) => k !== "name" && k !== "remove");
  if (others.length) return { path: at, message: `an entry that removes a default has nothing else: found ${others.join(", ")}` };
  if (!isString(entry.name)) return { path: `${at}.name`, message: "name the default to remove" };
  if (!defaultNames.includes(entry.name)) return { path: `${at}.name`, message: `"${entry.name}" is not a default, so it cannot be removed (${noDefaults})` };
  return undefined;
}

/**
 * An issue found in the expanded config, said where the stack file holds it: `layers[6].replicas` of the
 * expanded list is the stack file's `layers[1].replicas` when its entry 1 overlays or added that layer; an
 * untouched default's issue is said at the list, naming the default. References in messages are mapped too.
 */
export function issueInStackFile(issue: ConfigIssue, overlaid: Pick<Overlaid, "origins">): ConfigIssue {
  let { path, message } = issue;
  for (const [key, origins] of overlaid.origins) {
    const at = new RegExp(`^${escapeRegExp(key)}\\[(\\d+)\\](.*)$`).exec(path);
    if (at) {
      const origin = origins[Number(at[1])];
      if (origin?.stackIndex !== undefined) path = `${key}[${origin.stackIndex}]${at[2]}`;
      else if (origin) {
        path = key;
        message = `the default "${origin.defaultName}"${at[2] ? ` (at ${at[2].replace(/^\./, "")})` : ""}: ${message}`;
      }
    }
    message = message.replace(new RegExp(`${escapeRegExp(key)}\\[(\\d+)\\]`, "g"), (whole, i: string) => {
      const origin = origins[Number(i)];
      if (origin?.stackIndex !== undefined) return `${key}[${origin.stackIndex}]`;
      return origin ? `the default "${origin.defaultName}"` : whole;
    });
  }
  return { ...issue, path, message };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
