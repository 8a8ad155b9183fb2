/** A render that cannot be made or written: said in one line, exit 2 (cli/program.ts). */
export class RenderError extends Error {}
