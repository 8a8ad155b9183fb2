import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import * as pulumi from "@pulumi/pulumi";

import { secretConfigValues, type ConfigPath, type SecretConfigValue } from "./secret-config";
import { readProjectFile, readStackFile } from "./stack-file";

export interface RawStackConfig {
  /** Values by key without the `namespace:` prefix, structured values parsed back from JSON. */
  values: Record<string, unknown>;
  /** Keys (without prefix) whose value is a Pulumi secret: what derives from them must stay secret. */
  secretKeys: string[];
  /** The secret strings, each with its key path: what holds one is registered as a secret. */
  secretValues: SecretConfigValue[];
}

/**
 * Where the `secure:` leaves of the stack config are (paths without namespace), when the runner knows them
 * (offline: it read the stack file itself). Otherwise the program reads them from the stack file.
 */
let knownSecurePaths: readonly ConfigPath[] | undefined;

export function setSecureConfigPaths(paths: readonly ConfigPath[] | undefined): void {
  knownSecurePaths = paths;
}

// Declared internal by the SDK, but it is the only way to learn secretness without reading each value
// through getSecret (which would wrap every key in an Output and warn on plain ones).
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret(key: string): boolean }).isConfigSecret;

/** The raw stack config under one namespace, as the Pulumi engine hands it to the program. */
export function readRawStackConfig(namespace: string): RawStackConfig {
  const prefix = `${namespace}:`;
  const values: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(prefix)) continue;
    values[key.slice(prefix.length)] = parseConfigValue(value);
    if (isConfigSecret(key)) secretKeys.push(key.slice(prefix.length));
  }
  const securePaths = knownSecurePaths ?? securePathsFromStackFile(namespace, values, secretKeys);
  return { values, secretKeys, secretValues: secretConfigValues(values, secretKeys, securePaths) };
}

/**
 * The engine says only which top-level keys are secret, not where in them the `secure:` values are: those
 * the program reads from `Pulumi.<stack>.yaml` with the reader `strata check` uses (pulumi runs the program
 * in the project directory). A key keeps the whole-key rule (every string of it secret, none refusable) when
 * the file cannot be read (config from ESC, no file, a file that does not parse) or does not describe what the
 * engine gave for that key (a stale file, `--config` on the command line): the precise rule makes fewer values
 * secret, so it is used only where the file provably says where the secrets are.
 */
function securePathsFromStackFile(namespace: string, values: Record<string, unknown>, secretKeys: readonly string[]): ConfigPath[] | undefined {
  if (!secretKeys.length) return undefined;
  let file: { config: Record<string, unknown>; securePaths: (string | number)[][] };
  try {
    // The engine says where Pulumi.yaml is; Pulumi's mocks give a placeholder (not a path), and then the program's directory is it.
    const root = pulumi.getRootDirectory();
    const projectDir = root && path.isAbsolute(root) ? root : process.cwd();
    const project = readProjectFile(projectDir);
    if (project.name !== namespace) return undefined;
    file = readStackFile(projectDir, project, pulumi.getStack());
  } catch {
    return undefined;
  }
  const prefix = `${namespace}:`;
  const paths = file.securePaths.filter((p) => String(p[0]).startsWith(prefix)).map(([key, ...rest]): ConfigPath => [String(key).slice(prefix.length), ...rest]);
  return secretKeys.flatMap((key) => {
    const own = paths.filter((p) => p[0] === key);
    return own.length && describes(file.config[`${prefix}${key}`], values[key], own.map((p) => p.slice(1))) ? own : [];
  });
}

/** Whether the file's value of a key (secure leaves as placeholders) is the engine's, once each placeholder is the engine's value there. */
function describes(fileValue: unknown, engineValue: unknown, securePaths: readonly ConfigPath[]): boolean {
  let filled: unknown = structuredClone(fileValue);
  for (const p of securePaths) {
    const secret = at(engineValue, p);
    if (typeof secret !== "string" && p.length) return false;
    const parent = at(filled, p.slice(0, -1));
    if (!p.length) filled = engineValue;
    else if (parent !== null && typeof parent === "object") (parent as Record<string | number, unknown>)[p[p.length - 1]] = secret;
    else return false;
  }
  // As the engine passes it: a string as it is, anything else as JSON, parsed back like the program parses it.
  return isDeepStrictEqual(parseConfigValue(typeof filled === "string" ? filled : JSON.stringify(filled)), engineValue);
}

function at(value: unknown, where: ConfigPath): unknown {
  let v = value;
  for (const p of where) v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

function parseConfigValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
