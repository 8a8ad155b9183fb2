import { stringify } from "yaml";

/** The first line of every file `strata render` writes: what made it, and that it is not edited by hand. */
export function renderHeader(stack: string): string {
  return `# Rendered by \`strata render --stack ${stack}\` from Strata's desired state. Do not edit: render again.\n`;
}

/** YAML of a value, the same bytes for the same value: no line folding, keys in the value's own order. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}
