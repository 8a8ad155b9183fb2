import type { ConfigIssue } from "../../config/issues";
import type { CheckContext } from "../../config/capability-config";
import { isObject, isString, type Raw } from "../../config/raw";

/**
 * Checks of where the layers' Secrets come from (`secretEnv`, `secrets`): a `remoteRef` is only read when the
 * layers create their ExternalSecrets, and one key of one Secret has one source. Raw config, read
 * defensively like the other checks.
 */
export function secretsIssues({ raw, layers }: CheckContext): ConfigIssue[] {
  const externalSecrets = isObject(raw.secrets) && raw.secrets.externalSecrets === true;
  return layers.flatMap((layer, i) => (isObject(layer) && isObject(layer.secretEnv) ? secretEnvIssues(layer.secretEnv, `layers[${i}].secretEnv`, externalSecrets) : []));
}

/** A remote ref as compared: its key and property; absent, the default remote key. */
function refIdentity(ref: unknown): string {
  if (!isObject(ref)) return "the default remote key";
  return ref.property === undefined ? `key ${JSON.stringify(ref.key)}` : `key ${JSON.stringify(ref.key)} property ${JSON.stringify(ref.property)}`;
}

function secretEnvIssues(secretEnv: Raw, at: string, externalSecrets: boolean): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // `secret/key` → the first variable reading it.
  const first = new Map<string, { variable: string; ref: string }>();
  for (const [variable, entry] of Object.entries(secretEnv)) {
    if (!isObject(entry) || !isString(entry.secret) || !isString(entry.key)) continue;
    const path = `${at}.${variable}`;
    if (entry.remoteRef !== undefined && !externalSecrets) {
      issues.push({
        path: `${path}.remoteRef`,
        message: "remoteRef is read only by the layer's own ExternalSecret: set secrets.externalSecrets: true, or leave remoteRef out",
      });
    }
    const id = `${entry.secret}/${entry.key}`;
    const ref = refIdentity(entry.remoteRef);
    const seen = first.get(id);
    if (!seen) first.set(id, { variable, ref });
    else if (seen.ref !== ref) {
      issues.push({
        path: entry.remoteRef === undefined ? path : `${path}.remoteRef`,
        message: `reads Secret "${entry.secret}" key "${entry.key}" as ${seen.variable} does, but from ${ref} (${seen.variable}: ${seen.ref}): one key has one source`,
      });
    }
  }
  return issues;
}
