import * as fs from "node:fs";
import * as path from "node:path";
import { SECRET_PLACEHOLDER } from "../config/secret-config";
import { AWS_REGIONS, awsRegionMessage } from "../platform/aws-regions";
import { readYamlFile, YamlFileError } from "./yaml-file";

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
  /** The full keys whose value is a default of Pulumi.yaml's `config:` (the stack file does not set them). */
  projectKeys: string[];
}

/** A missing project or stack: a usage error (exit 1), said in one line. */
export class StackFileError extends Error {}

/**
 * A stack that cannot be read as config (exit 2, like invalid config): YAML that does not parse, a duplicate
 * key, bytes that are not UTF-8, a name that is no stack name, an ESC environment offline cannot open. Each
 * problem names where: `file:line:col` for the YAML, else the key or option.
 */
export class StackConfigFileError extends Error {
  constructor(
    public readonly stack: string,
    public readonly problems: { key: string; message: string }[],
  ) {
    super(problems.map((p) => `${p.key}: ${p.message}`).join("\n"));
    this.name = "StackConfigFileError";
  }
}

/** The placeholder an encrypted value takes offline: it cannot be decrypted without the Pulumi backend. */
export { SECRET_PLACEHOLDER };

/** A stack name as Pulumi takes it (`pulumi stack init`): letters, digits, `_`, `.`, `-`, at most 100. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** An organization or project part of a qualified stack name (`org/project/stack`). */
const NAME_PART = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The stack's own name from what the user typed: `dev`, `org/dev` or `org/project/dev`, each part a name
 * (never `.` or `..`: the name becomes a file name), the project part this project's. Anything else, such as
 * `x/../../elsewhere`, is refused: a stack name is a name, not a path.
 */
export function stackNameOf(typed: string, projectName: string): string {
  const parts = typed.split("/");
  const refuse = (why: string): never => {
    throw new StackConfigFileError(typed, [{ key: "--stack", message: `"${typed}" is not a stack name: ${why}` }]);
  };
  if (parts.length > 3) refuse("at most org/project/stack");
  const name = parts[parts.length - 1];
  if (!STACK_NAME.test(name)) refuse("a stack name is 1–100 letters, digits, '_', '.' and '-'");
  if (parts.some((p) => p === "." || p === "..")) refuse('"." and ".." are not names');
  if (parts.slice(0, -1).some((p) => !NAME_PART.test(p))) refuse("an organization or project is letters, digits, '_', '.' and '-'");
  if (parts.length === 3 && parts[1] !== projectName) refuse(`the project part must be this project's, "${projectName}"`);
  return name;
}

/** One parse per file version: check, its policy-config default, its reports and the program read one stack. */
const parsed = new Map<string, { stamp: string; value: unknown }>();

function readYamlOnce(file: string, shown: string): unknown {
  let stamp: string;
  try {
    const stat = fs.statSync(file, { bigint: true });
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    stamp = "missing";
  }
  const hit = parsed.get(file);
  if (hit && hit.stamp === stamp) return hit.value;
  const value = readYamlFile(file, shown);
  parsed.set(file, { stamp, value });
  return value;
}

/** Reads a YAML file of the project, its problems as a StackConfigFileError of `stack`. */
function readProjectYaml(projectDir: string, file: string, stack: string): unknown {
  try {
    return readYamlOnce(file, path.relative(projectDir, file) || file);
  } catch (e) {
    if (e instanceof YamlFileError) throw new StackConfigFileError(stack, e.problems.map((p) => ({ key: p.location, message: p.message })));
    throw e;
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) throw new StackFileError(`no Pulumi.yaml in ${projectDir}`);
  const project = readProjectYaml(projectDir, file, "") as ProjectFile;
  if (!isMapping(project) || typeof project.name !== "string") throw new StackFileError(`${file} has no project name`);
  if (project.stackConfigDir !== undefined) {
    const dir = typeof project.stackConfigDir === "string" ? path.resolve(projectDir, project.stackConfigDir) : undefined;
    const inside = dir !== undefined && (dir === path.resolve(projectDir) || !path.relative(projectDir, dir).startsWith(".."));
    if (!inside) throw new StackConfigFileError("", [{ key: "Pulumi.yaml:stackConfigDir", message: "must be a directory inside the project" }]);
  }
  return project;
}

export function stackFilePath(projectDir: string, project: ProjectFile, stack: string): string {
  return path.join(projectDir, project.stackConfigDir ?? "", `Pulumi.${stackNameOf(stack, project.name)}.yaml`);
}

export function stackNames(projectDir: string, project: ProjectFile): string[] {
  const dir = path.join(projectDir, project.stackConfigDir ?? "");
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Keys a project file's `config:` entry declares a key with (Pulumi's project config). */
const DECLARATION_KEYS = new Set(["type", "description", "default", "value", "secret", "items"]);

/**
 * Defaults from Pulumi.yaml's `config:` as `pulumi` applies them: a plain value is the key's value; a
 * declaration (`type`, `description`, `default`, `value`…) gives its `value`, else its `default`, else nothing.
 * Keys without a namespace are the project's.
 */
function projectDefaults(project: ProjectFile): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(isMapping(project.config) ? project.config : {})) {
    const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
    if (isMapping(entry) && Object.keys(entry).some((k) => DECLARATION_KEYS.has(k))) {
      if ("value" in entry) defaults[fullKey] = entry.value;
      else if ("default" in entry) defaults[fullKey] = entry.default;
    } else defaults[fullKey] = entry;
  }
  return defaults;
}

export function readStackFile(projectDir: string, project: ProjectFile, stack: string): StackFile {
  const file = stackFilePath(projectDir, project, stack);
  if (!fs.existsSync(file)) {
    const known = stackNames(projectDir, project);
    throw new StackFileError(`no stack "${stack}": ${file} does not exist (stacks: ${known.join(", ") || "none"})`);
  }
  const shown = path.relative(projectDir, file);
  const doc = readProjectYaml(projectDir, file, stack) ?? {};
  if (!isMapping(doc)) throw new StackConfigFileError(stack, [{ key: `${shown}:1:1`, message: "a stack file is a map (config:, secretsprovider: …), not a list or a single value" }]);
  if (doc.environment !== undefined) {
    throw new StackConfigFileError(stack, [
      {
        key: `${shown}: environment`,
        message: "imports a Pulumi ESC environment, which only the Pulumi Cloud can open: offline Strata would check other values than `pulumi up` deploys. Write the values it provides under config: (`esc env open <env>` shows them), or check with `pulumi preview`",
      },
    ]);
  }
  if (doc.config !== undefined && doc.config !== null && !isMapping(doc.config)) throw new StackConfigFileError(stack, [{ key: `${shown}: config`, message: "must be a map of config keys" }]);
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  const securePaths: (string | number)[][] = [];
  const merged = { ...projectDefaults(project) };
  const projectKeys = new Set(Object.keys(merged));
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    const fullKey = key.includes(":") ? key : `${project.name}:${key}`;
    merged[fullKey] = value;
    projectKeys.delete(fullKey);
  }
  for (const [fullKey, value] of Object.entries(merged)) {
    const { value: plain, secret } = replaceSecrets(value, [fullKey], securePaths);
    config[fullKey] = plain;
    if (secret) secretKeys.push(fullKey);
  }
  const region = config["aws:region"];
  if (region !== undefined && (typeof region !== "string" || !AWS_REGIONS.includes(region))) {
    throw new StackConfigFileError(stack, [{ key: "aws:region", message: `${awsRegionMessage} (got ${JSON.stringify(region)})` }]);
  }
  return { config, secretKeys, securePaths, projectKeys: [...projectKeys] };
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
