import type { RemoteRefSpec } from "../config/layers/spec";
import type { KubernetesObject } from "./kubernetes-object";

/**
 * An ExternalSecret (External Secrets Operator, `external-secrets.io/v1`): the reference a Secret's value is
 * synced from, never the value. One shape for both writers: the application layers (`secrets.externalSecrets`)
 * and the renderer (every other Secret of a rendered tree).
 */

export const EXTERNAL_SECRET_API_VERSION = "external-secrets.io/v1";
export const EXTERNAL_SECRET_KIND = "ExternalSecret";

/** The store and refresh interval every ExternalSecret of a stack uses (`gitops`). */
export interface ExternalSecretSource {
  secretStore: { kind: "ClusterSecretStore" | "SecretStore"; name: string };
  refreshInterval: string;
}

/** A Secret's contents by reference: each key from a remote ref, or every property of one remote key. */
export type ExternalSecretContents = { data: { secretKey: string; remoteRef: RemoteRefSpec }[] } | { dataFrom: { extract: { key: string } }[] };

/** The stack's remote-key prefix: `gitops.remoteKeyPrefix`, else `<project>/<stack>`. */
export function remoteKeyPrefix(gitops: { remoteKeyPrefix?: string }, project: string, stack: string): string {
  return gitops.remoteKeyPrefix ?? `${project}/${stack}`;
}

/** The remote key of a Secret no `remoteRef` names: `<prefix>/<namespace>/<secret>`. */
export function defaultRemoteKey(prefix: string, namespace: string, secret: string): string {
  return `${prefix}/${namespace}/${secret}`;
}

/** An ExternalSecret that creates (and owns) the Secret of its own name and namespace. */
export function externalSecret(
  metadata: { name: string; namespace: string; labels: Record<string, string> },
  contents: ExternalSecretContents,
  source: ExternalSecretSource,
): KubernetesObject {
  return {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: EXTERNAL_SECRET_KIND,
    metadata,
    spec: {
      refreshInterval: source.refreshInterval,
      secretStoreRef: { kind: source.secretStore.kind, name: source.secretStore.name },
      target: { name: metadata.name, creationPolicy: "Owner" },
      ...contents,
    },
  };
}

/** Whether an object is an ExternalSecret. */
export function isExternalSecret(object: KubernetesObject): boolean {
  return object.apiVersion === EXTERNAL_SECRET_API_VERSION && object.kind === EXTERNAL_SECRET_KIND;
}

/** The Secret an ExternalSecret creates: its target's name (the ExternalSecret's own when the target names none). */
export function externalSecretTarget(object: KubernetesObject): { namespace: string | undefined; name: string } {
  const target = (object.spec as { target?: { name?: string } } | undefined)?.target;
  return { namespace: object.metadata.namespace, name: target?.name ?? object.metadata.name };
}
