/**
 * A fast reader for the YAML that manifests are written in: block mappings and sequences (indented or
 * not), plain scalars on one line, quoted scalars (folded over lines as Go's YAML writes long ones),
 * literal block scalars, empty flow collections, comment lines and `---` between documents — what `yaml`'s
 * stringify, `strata render`, kustomize and helm write. It reads them several times faster than `yaml`,
 * which validating a large tree otherwise spends most of its time in.
 *
 * It gives exactly what `yaml` gives (YAML 1.2, core schema) or nothing at all: anything outside that
 * subset, and anything `yaml` would report as an error or a warning (duplicate keys, tabs, anchors, tags,
 * flow collections, folded or multi-line plain scalars, explicit keys, directives, comments after a
 * value…), returns undefined, and the caller reads the text with `yaml`. tests/block-yaml.test.ts holds
 * the two equal on every rendered file, kustomize's output and thousands of generated documents.
 */

class OutsideSubset extends Error {}

const outside = (): never => {
  throw new OutsideSubset();
};

// The core schema's plain scalars, tested in `yaml`'s order (null, bool, intOct, int, intHex, floatNaN, floatExp, float).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The first characters a null, bool or number can start with (most plain scalars are strings that start otherwise). */
const NOT_A_STRING_START = /^(?:$|[~nNtTfF0-9+\-.])/;

function plainValue(text: string): unknown {
  if (!NOT_A_STRING_START.test(text)) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return text[0] === "-" ? -1 * parseInt(text.substring(1), 10) : parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/**
 * A plain scalar's text as it may stand in this subset: no indicator first (`-`, `?` and `:` only before a
 * character that is not a space), no `: ` or ` #` inside, no tab.
 */
function checkPlain(text: string): string {
  if (/^[,[\]{}#&*!|>'"%@`]|^[-?:]( |$)/.test(text) || /: |:$| #|\t/.test(text)) outside();
  return text;
}

const ESCAPES: Record<string, string> = { "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029" };
const HEX_DIGITS: Record<string, RegExp> = { x: /^[0-9a-fA-F]{2}$/, u: /^[0-9a-fA-F]{4}$/, U: /^[0-9a-fA-F]{8}$/ };

/** Skips the white space and empty lines after a line break in `raw` from `i`: where the next content starts, and how many empty lines there were. */
function afterBreak(raw: string, i: number): [number, number] {
  let empty = 0;
  for (;;) {
    let j = i;
    while (raw[j] === " " || raw[j] === "\t") j++;
    if (raw[j] !== "\n") return [j, empty];
    empty++;
    i = j + 1;
  }
}

/**
 * A quoted scalar's value from its text between the quotes (`raw`, "\n" where a line breaks): escapes
 * decoded ('' in single quotes, backslash escapes in double quotes), and lines folded as YAML folds them:
 * white space around a break dropped, a break a space, each empty line a line feed, an escaped break nothing.
 */
function quotedValue(quote: string, raw: string): string {
  let out = "";
  let space = "";
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === " " || c === "\t") {
      space += c;
      i++;
      continue;
    }
    if (c === "\n") {
      const [next, empty] = afterBreak(raw, i + 1);
      out += empty ? "\n".repeat(empty) : " ";
      space = "";
      i = next;
      continue;
    }
    out += space;
    space = "";
    if (quote === "'") {
      out += c;
      i += c === "'" ? 2 : 1;
      continue;
    }
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === "\n") {
      const [next, empty] = afterBreak(raw, i + 2);
      out += "\n".repeat(empty);
      i = next;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
      i += 2;
    } else if (e in HEX_DIGITS) {
      const length = e === "x" ? 2 : e === "u" ? 4 : 8;
      const digits = raw.substr(i + 2, length);
      if (!HEX_DIGITS[e].test(digits)) outside();
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 2 + length;
    } else outside();
  }
  return out + space;
}

/** Where the quoted scalar opening at `text[0]` closes on this line (the closing quote's index), or -1. */
function closingQuote(text: string): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

const indentOf = (line: string) => {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  if (line[n] === "\t") outside();
  return n;
};
const isBlank = (line: string) => /^ *$/.test(line);
const isComment = (line: string) => /^ *#/.test(line);
/** Without the spaces around it: YAML's white space is spaces and tabs only (String.trim would take NBSP too). */
const spaceTrim = (text: string) => text.replace(/^ +| +$/g, "");
const isItem = (text: string) => text === "-" || text.startsWith("- ");

class Document {
  constructor(private readonly lines: string[]) {}

  /** The next line at or after `i` holding content (not blank, not a comment), or lines.length. */
  private next(i: number): number {
    while (i < this.lines.length && (isBlank(this.lines[i]) || isComment(this.lines[i]))) i++;
    return i;
  }

  /** The document's one node, and nothing after it. */
  root(): unknown {
    const i = this.next(0);
    if (i === this.lines.length) return null;
    if (indentOf(this.lines[i]) !== 0) outside();
    const [value, end] = this.node(i, 0, -1);
    if (this.next(end) !== this.lines.length) outside();
    return value;
  }

  /**
   * The node whose first line's content starts at `col` of line `i` (a collection's later lines at that
   * indent); a scalar's text may not continue on lines indented more than `limit`.
   */
  private node(i: number, col: number, limit: number): [unknown, number] {
    const text = this.lines[i].slice(col);
    if (isItem(text)) return this.sequence(i, col);
    if (this.isKeyLine(text)) return this.mapping(i, col);
    return this.scalar(i, col, limit);
  }

  /** Whether `text` starts a mapping entry: a key (plain, or quoted on one line) followed by `:` and a space or the line's end. */
  private isKeyLine(text: string): boolean {
    if (text[0] === '"' || text[0] === "'") {
      const close = closingQuote(text);
      return close > 0 && /^:( |$)/.test(text.slice(close + 1));
    }
    return /^[^\s].*?(: |:$)/.test(text) && !isItem(text);
  }

  private sequence(i: number, indent: number): [unknown[], number] {
    const items: unknown[] = [];
    for (;;) {
      const line = this.lines[i];
      const content = indent + 1 + /^ */.exec(line.slice(indent + 1))![0].length;
      const [value, end] = content >= line.length ? this.blockValue(i + 1, indent, false) : this.node(i, content, indent);
      items.push(value);
      i = this.next(end);
      if (i === this.lines.length || indentOf(this.lines[i]) !== indent || !isItem(this.lines[i].slice(indent))) return [items, i];
    }
  }

  private mapping(i: number, indent: number): [Record<string, unknown>, number] {
    const map: Record<string, unknown> = {};
    let col = indent;
    for (;;) {
      const text = this.lines[i].slice(col);
      let key: string;
      let rest: string;
      if (text[0] === '"' || text[0] === "'") {
        const close = closingQuote(text);
        if (close < 0) outside();
        key = quotedValue(text[0], text.slice(1, close));
        rest = text.slice(close + 1);
        if (!/^:( |$)/.test(rest)) outside();
        rest = rest.slice(1);
      } else {
        const colon = /: |:$/.exec(text);
        if (!colon) return outside();
        key = checkPlain(text.slice(0, colon.index).replace(/ +$/, ""));
        if (typeof plainValue(key) !== "string") outside();
        rest = text.slice(colon.index + 1);
      }
      if (key.length > 1024 || key === "__proto__" || Object.prototype.hasOwnProperty.call(map, key)) outside();
      const [value, end] = spaceTrim(rest) === "" ? this.blockValue(i + 1, indent, true) : this.scalar(i, this.lines[i].length - rest.replace(/^ +/, "").length, indent);
      map[key] = value;
      i = this.next(end);
      if (i === this.lines.length || indentOf(this.lines[i]) !== indent) return [map, i];
      const next = this.lines[i].slice(indent);
      if (isItem(next) || !this.isKeyLine(next)) return [map, i];
      col = indent;
    }
  }

  /**
   * A value on the lines after a `key:` or a lone `-` at `indent`: a node indented more, or (after a key) a
   * sequence at the key's own indent; null when the next content is not indented more.
   */
  private blockValue(i: number, indent: number, afterKey: boolean): [unknown, number] {
    const j = this.next(i);
    if (j === this.lines.length) return [null, j];
    const n = indentOf(this.lines[j]);
    if (n > indent) return this.node(j, n, indent);
    if (afterKey && n === indent && isItem(this.lines[j].slice(n))) return this.sequence(j, n);
    return [null, i];
  }

  /**
   * A scalar whose text starts at `col` of line `i`. Lines after it indented more than `limit` continue
   * it: a plain scalar folds them in (as Go's YAML writes long strings); any other is left to `yaml`.
   */
  private scalar(i: number, col: number, limit: number): [unknown, number] {
    const text = this.lines[i].slice(col).replace(/ +$/, "");
    if (text[0] === "|") return this.literal(i, text, limit);
    let value: unknown;
    let end = i;
    if (text[0] === '"' || text[0] === "'") [value, end] = this.quoted(i, col, limit);
    else if (text === "{}") value = {};
    else if (text === "[]") value = [];
    else [value, end] = this.plain(i, checkPlain(text), limit);
    const j = this.next(end + 1);
    if (limit >= 0 && j < this.lines.length && indentOf(this.lines[j]) > limit) outside();
    return [value, end + 1];
  }

  /** A plain scalar starting with `first` on line `i`, folded over the lines after it indented more than `limit`: its value and its last line. */
  private plain(i: number, first: string, limit: number): [unknown, number] {
    let folded = first;
    let end = i;
    let empty = 0;
    for (let j = i + 1; limit >= 0 && j < this.lines.length; j++) {
      const line = this.lines[j];
      if (isBlank(line)) {
        empty++;
        continue;
      }
      if (isComment(line) || indentOf(line) <= limit) break;
      const part = spaceTrim(line);
      // Indicators start no node here (the line continues the scalar); a key or a comment inside is read by `yaml`.
      if (/^[:#]/.test(part) || /: |:$| #|\t/.test(part)) outside();
      folded += (empty ? "\n".repeat(empty) : " ") + part;
      empty = 0;
      end = j;
    }
    return [plainValue(folded), end];
  }

  /** The quoted scalar opening at `col` of line `i`, over as many lines (each indented more than `limit`) as it takes: its value and its last line. */
  private quoted(i: number, col: number, limit: number): [string, number] {
    const quote = this.lines[i][col];
    let raw = "";
    let line = i;
    let text = this.lines[i].slice(col);
    for (;;) {
      const close = closingQuote(text);
      if (close >= 0) {
        if (spaceTrim(text.slice(close + 1)) !== "") outside();
        return [quotedValue(quote, raw + text.slice(1, close)), line];
      }
      raw += `${text.slice(1)}\n`;
      if (++line === this.lines.length) outside();
      const next = this.lines[line];
      if (!isBlank(next) && (indentOf(next) <= limit || /^(---|\.\.\.)/.test(next))) outside();
      // The next line's text, behind a stand-in opening quote: escapes never span a line.
      text = quote + next;
    }
  }

  /** A literal block scalar (`|`, `|-`, `|+`; no indentation indicator) whose header ends line `i`, its content indented more than `parent`. */
  private literal(i: number, header: string, parent: number): [string, number] {
    const chomp = /^\|([+-]?)$/.exec(header);
    if (!chomp) return outside();
    let j = i + 1;
    // Leading empty lines holding spaces would need an indentation indicator.
    while (j < this.lines.length && this.lines[j] === "") j++;
    if (j === this.lines.length || isBlank(this.lines[j])) return outside();
    const indent = indentOf(this.lines[j]);
    if (indent <= parent) return outside();
    const content: string[] = new Array<string>(j - i - 1).fill("");
    let trailing = 0;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j];
      if (isBlank(line)) {
        if (line.length > indent) outside();
        trailing++;
        continue;
      }
      if (indentOf(line) < indent) break;
      for (; trailing > 0; trailing--) content.push("");
      content.push(line.slice(indent));
    }
    const end = chomp[1] === "-" ? "" : chomp[1] === "+" ? "\n".repeat(trailing + 1) : "\n";
    return [content.join("\n") + end, j];
  }
}

/** The documents of a YAML text, or undefined when it is outside the subset (read it with `yaml`). */
export function parseBlockYaml(text: string): unknown[] | undefined {
  if (/[\r\ufeff]/.test(text)) return undefined;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  try {
    const documents: unknown[] = [];
    let start = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && lines[i] !== "---") {
        if (/^(\.\.\.|---|%)/.test(lines[i])) return undefined;
        continue;
      }
      const part = lines.slice(start, i);
      // Comments and blank lines before the first `---` make no document of their own.
      if (!(start === 0 && i < lines.length && part.every((l) => isBlank(l) || isComment(l)))) documents.push(new Document(part).root());
      start = i + 1;
    }
    return documents;
  } catch (e) {
    if (e instanceof OutsideSubset) return undefined;
    throw e;
  }
}
