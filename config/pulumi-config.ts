import * as pulumi from "@pulumi/pulumi";

/**
 * The raw stack config under one namespace, as the Pulumi engine hands it to the program: keys without
 * the `namespace:` prefix, structured values parsed back from the JSON the engine passes.
 */
export function readRawStackConfig(namespace: string): Record<string, unknown> {
  const prefix = `${namespace}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = parseConfigValue(value);
  }
  return raw;
}

function parseConfigValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
