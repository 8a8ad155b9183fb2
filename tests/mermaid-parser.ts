/**
 * Mermaid's own parser (the npm package `mermaid`), in Node. Mermaid sanitizes label text with DOMPurify,
 * which has no DOM to work on here; its hooks are stubbed (labels are then taken as written), which changes
 * nothing of the parse: the grammar and the diagram's checks are Mermaid's.
 */
type Mermaid = { parse(text: string): Promise<unknown> };
let loaded: Promise<Mermaid> | undefined;

// A native import(): mermaid is an ES module, which the tests' CommonJS loader would otherwise require().
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

async function load(): Promise<Mermaid> {
  const purify = (await importEsm("dompurify")).default;
  purify.addHook ??= () => undefined;
  purify.removeHook ??= () => undefined;
  purify.sanitize ??= (text: string) => text;
  return (await importEsm("mermaid")).default as Mermaid;
}

/** Parses a Mermaid diagram; rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<unknown> {
  loaded ??= load();
  return (await loaded).parse(text);
}
