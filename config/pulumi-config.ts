import * as pulumi from "@pulumi/pulumi";

import { secretConfigValues, type ConfigPath, type SecretConfigValue } from "./secret-config";

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
 * (offline, from the stack file); the Pulumi engine says only which top-level keys are secret, and then every
 * string of such a key counts as secret.
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
  return { values, secretKeys, secretValues: secretConfigValues(values, secretKeys, knownSecurePaths) };
}

function parseConfigValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
