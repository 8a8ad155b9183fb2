import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The project and stack files as `pulumi` reads them, for running the program without the CLI. */

export interface ProjectFile {
  name: string;
  stackConfigDir?: string;
  config?: Record<string, unknown>;
}

export interface StackFile {
  /** Config values by full key (`strata:profile`), structured values as parsed YAML. */
  config: Record<string, unknown>;
  /** Keys whose value is encrypted (`secure:`); offline they hold a placeholder. */
  secretKeys: string[];
  /** Where each encrypted value is: its full key, then object keys and array indexes. */
  securePaths: (string | number)[][];
}

export class StackFileError extends Error {}

/** The placeholder an encrypted value takes offline: it cannot be decrypted without the Pulumi backend. */
export const SECRET_PLACEHOLDER = "[secret]";

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new StackFileError(`no Pulumi.yaml in ${projectDir}`);
  const project = parse(fs.readFileSync(file, "utf8")) as ProjectFile;
  if (!project || typeof project.name !== "string") throw new StackFileError(`${file} has no project name`);
  return project;
}

export function stackFilePath(projectDir: string, project: ProjectFile, stack: string): string {
  return path.join(projectDir, project.stackConfigDir ?? "", `Pulumi.${stack}.yaml`);
}

export function stackNames(projectDir: string, project: ProjectFile): string[] {
  const dir = path.join(projectDir, project.stackConfigDir ?? "");
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function readStackFile(projectDir: string, project: ProjectFile, stack: string): StackFile {
  const file = stackFilePath(projectDir, project, stack);
  if (!fs.existsSync(file)) {
    const known = stackNames(projectDir, project);
    throw new StackFileError(`no stack "${stack}": ${file} does not exist (stacks: ${known.join(", ") || "none"})`);
  }
  const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  const securePaths: (string | number)[][] = [];
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
    const { value: plain, secret } = replaceSecrets(value, [fullKey], securePaths);
    config[fullKey] = plain;
    if (secret) secretKeys.push(fullKey);
  }
  return { config, secretKeys, securePaths };
}

/** The profile a stack's file names (`<project>:profile`), if the file exists and names a string. */
export function stackProfile(projectDir: string, stack: string): string | undefined {
  const project = readProjectFile(projectDir);
  if (!fs.existsSync(stackFilePath(projectDir, project, stack))) return undefined;
  const profile = readStackFile(projectDir, project, stack).config[`${project.name}:profile`];
  return typeof profile === "string" ? profile : undefined;
}

/** `{ secure: ... }` values, at any depth, become the placeholder; reports whether there was any. */
function replaceSecrets(value: unknown, at: (string | number)[] = [], paths: (string | number)[][] = []): { value: unknown; secret: boolean } {
  if (Array.isArray(value)) {
    const items = value.map((v, i) => replaceSecrets(v, [...at, i], paths));
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === "secure") {
      paths.push(at);
      return { value: SECRET_PLACEHOLDER, secret: true };
    }
    const replaced = entries.map(([k, v]) => [k, replaceSecrets(v, [...at, k], paths)] as const);
    return { value: Object.fromEntries(replaced.map(([k, r]) => [k, r.value])), secret: replaced.some(([, r]) => r.secret) };
  }
  return { value, secret: false };
}

/** Config as the engine passes it to a program: strings as they are, everything else as JSON. */
export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
