import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config/errors";
import { secretIn, type SecretConfigValue } from "../config/secret-config";

/**
 * One rule for secret config (issue 15, item 4): every input of every resource that holds a secret config
 * value is registered as a Pulumi secret (encrypted in state), wherever it came from. Where a secret cannot
 * be one — a resource's name (URNs are plain text) or a Kubernetes object's name or namespace — the program
 * stops with a config error at the key.
 */

/** Kubernetes metadata fields that identify an object: never secret. */
const NAME_FIELDS = ["name", "namespace", "generateName"];

/** The first secret in a plain value (Outputs and resources are left out: they are already what they are). */
function secretInValue(value: unknown, secrets: readonly SecretConfigValue[]): SecretConfigValue | undefined {
  if (typeof value === "string") return secretIn(value, secrets);
  if (typeof value === "number" || typeof value === "boolean") return secretIn(String(value), secrets);
  if (value === null || typeof value !== "object") return undefined;
  if (pulumi.Output.isInstance(value) || pulumi.Resource.isInstance(value) || typeof (value as { then?: unknown }).then === "function") return undefined;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const found = secretInValue(v, secrets);
    if (found) return found;
  }
  return undefined;
}

function refuse(secret: SecretConfigValue, where: string, namespace: string): never {
  throw new ConfigError([{ path: secret.path, message: `a secret (secure:) value cannot be ${where}, which is stored and shown in plain text: give a plain value here` }], namespace);
}

/**
 * A value made secret when it holds a secret. An Output is judged once it resolves (a preview's unknown stays
 * unknown); a plain object holding Outputs is judged field by field, so that a secret already inside it
 * (a kubeconfig, a generated password) does not make its plain siblings secret.
 */
function secretIfHeld(value: unknown, secrets: readonly SecretConfigValue[]): unknown {
  if (pulumi.Output.isInstance(value)) return value.apply((v) => (secretInValue(v, secrets) ? pulumi.secret(v) : v));
  if (!holdsOutput(value)) return secretInValue(value, secrets) ? pulumi.secret(value) : value;
  if (typeof (value as { then?: unknown }).then === "function") return secretIfHeld(pulumi.output(value), secrets);
  if (Array.isArray(value)) return value.map((v) => secretIfHeld(v, secrets));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, secretIfHeld(v, secrets)]));
}

/** Whether a value is, or holds (in plain objects and arrays), an Output or a promise: judged once resolved. */
function holdsOutput(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (pulumi.Output.isInstance(value) || typeof (value as { then?: unknown }).then === "function") return true;
  if (pulumi.Resource.isInstance(value)) return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(holdsOutput);
}

function withSecrets(props: Record<string, unknown>, secrets: readonly SecretConfigValue[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, secretIfHeld(v, secrets)]));
}

export function secretConfigTransformation(secrets: readonly SecretConfigValue[], namespace: string): pulumi.ResourceTransformation {
  const refusable = secrets.filter((s) => s.secure);
  return (args) => {
    const named = secretIn(args.name, refusable);
    if (named) refuse(named, `in the name of a resource (${args.type})`, namespace);
    const props = { ...args.props };
    const metadata = props.metadata;
    if (args.type.startsWith("kubernetes:") && metadata !== null && typeof metadata === "object" && !pulumi.Output.isInstance(metadata)) {
      const fields = metadata as Record<string, unknown>;
      for (const field of NAME_FIELDS) {
        const found = secretInValue(fields[field], refusable);
        if (found) refuse(found, `in a Kubernetes object's metadata.${field}`, namespace);
      }
      props.metadata = withSecrets(fields, secrets);
      Object.assign(props, withSecrets(Object.fromEntries(Object.entries(props).filter(([k]) => k !== "metadata")), secrets));
    } else Object.assign(props, withSecrets(props, secrets));
    return { props, opts: args.opts };
  };
}

/** Stack outputs with every one holding a secret config value made secret. */
export function secretOutputs(outputs: Record<string, pulumi.Input<unknown>>, secrets: readonly SecretConfigValue[]): Record<string, pulumi.Input<unknown>> {
  if (!secrets.length) return outputs;
  return withSecrets(outputs, secrets) as Record<string, pulumi.Input<unknown>>;
}
