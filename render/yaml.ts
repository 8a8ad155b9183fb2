import { Document, stringify, type ToStringOptions } from "yaml";
import { stringifyString } from "yaml/util";

/** The first line of every file `strata render` writes: what made it, and that it is not edited by hand. */
export function renderHeader(stack: string): string {
  return `# Rendered by \`strata render --stack ${stack}\` from Strata's desired state. Do not edit: render again.\n`;
}

/** How the render writes YAML: no line folding, keys in the value's own order, no anchors. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * YAML of a value, the same bytes for the same value: exactly what `yaml`'s `stringify` writes with
 * YAML_OPTIONS (tests/render-yaml.test.ts holds them equal on every rendered file and on awkward values),
 * several times faster. `stringify` first builds a node tree of the whole value; here block maps and
 * sequences are written directly and every scalar goes through `yaml`'s own scalar writer, so quoting,
 * block scalars and number forms are `yaml`'s. Anything outside plain data (class instances, undefined in
 * a list, a key longer than 1024 characters) is left to `stringify`.
 */
export function toYaml(value: unknown): string {
  if (isPlainObject(value)) {
    try {
      return `${blockValue(value, "", false)}\n`;
    } catch (e) {
      if (!(e instanceof NotPlainData)) throw e;
    }
  }
  return stringify(value, YAML_OPTIONS);
}

class NotPlainData extends Error {}

const INDENT_STEP = "  ";

/** The context `yaml` gives its scalar writer (createStringifyContext with YAML_OPTIONS), less the indent. */
const doc = new Document(null, YAML_OPTIONS);
const scalarOptions: Required<Pick<ToStringOptions, "blockQuote" | "defaultKeyType" | "defaultStringType" | "doubleQuotedAsJSON" | "doubleQuotedMinMultiLineLength" | "lineWidth" | "minContentWidth" | "singleQuote">> & ToStringOptions = {
  blockQuote: true,
  defaultKeyType: null,
  defaultStringType: "PLAIN",
  doubleQuotedAsJSON: false,
  doubleQuotedMinMultiLineLength: 40,
  singleQuote: null,
  ...doc.schema.toStringOptions,
  lineWidth: YAML_OPTIONS.lineWidth,
  minContentWidth: YAML_OPTIONS.minContentWidth,
};

// A string on one line without a document marker is written the same at any indent: remembered.
const keyStrings = new Map<string, string>();
const valueStrings = new Map<string, string>();
const numbers = new Map<number, string>();
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

function stringText(value: string, indent: string, implicitKey: boolean): string {
  const cacheable = !value.includes("\n") && !DOCUMENT_MARKER.test(value);
  const cache = implicitKey ? keyStrings : valueStrings;
  const cached = cacheable ? cache.get(value) : undefined;
  if (cached !== undefined) return cached;
  const ctx = { actualString: true, doc, indent, indentStep: INDENT_STEP, implicitKey, inFlow: null, options: scalarOptions };
  const text = stringifyString({ value } as never, ctx as never);
  if (cacheable) cache.set(value, text);
  return text;
}

function numberText(value: number): string {
  // A Map holds 0 and -0 as one key; yaml writes them apart.
  if (Object.is(value, -0)) return stringify(value, YAML_OPTIONS).slice(0, -1);
  let text = numbers.get(value);
  if (text === undefined) {
    text = stringify(value, YAML_OPTIONS).slice(0, -1);
    numbers.set(value, text);
  }
  return text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value where `yaml` writes it with `indent` as its context's indent (a pair's value, a list item, the root). */
function blockValue(value: unknown, indent: string, implicitKey: boolean): string {
  switch (typeof value) {
    case "string":
      return stringText(value, indent, implicitKey);
    case "number":
      return numberText(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return blockSeq(value, indent);
      if (isPlainObject(value)) return blockMap(value, indent);
      throw new NotPlainData();
    default:
      throw new NotPlainData();
  }
}

function blockMap(map: Record<string, unknown>, indent: string): string {
  let text = "";
  const valueIndent = indent + INDENT_STEP;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    const keyText = stringText(key, valueIndent, true);
    if (keyText.length > 1024) throw new NotPlainData();
    const valueText = blockValue(value, valueIndent, false);
    let pair: string;
    if (value !== null && typeof value === "object") {
      // A collection: an empty one is written in flow style on the key's line, any other below it.
      pair = isEmpty(value) ? `${keyText}: ${valueText}` : `${keyText}:\n${valueIndent}${valueText}`;
    } else {
      pair = valueText === "" || valueText[0] === "\n" ? `${keyText}:${valueText}` : `${keyText}: ${valueText}`;
    }
    text += text ? `\n${indent}${pair}` : pair;
  }
  return text || "{}";
}

function blockSeq(items: unknown[], indent: string): string {
  if (items.length === 0) return "[]";
  const itemIndent = indent + INDENT_STEP;
  let text = "";
  for (let i = 0; i < items.length; i++) {
    // `yaml` writes a hole or undefined as null; rare enough to leave to it.
    if (!(i in items) || items[i] === undefined) throw new NotPlainData();
    const item = `- ${blockValue(items[i], itemIndent, false)}`;
    text += i ? `\n${indent}${item}` : item;
  }
  return text;
}

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined && Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}
